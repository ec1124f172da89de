package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.profile.ProfileKind;
import org.junit.jupiter.api.Test;

/** Answers of {@code aws kafka get-bootstrap-brokers} for clusters with different listeners enabled. */
class BootstrapBrokersTest {

    private static final String HOSTS = "b-1.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com:%d,"
            + "b-2.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com:%d";

    private static String hosts(int port) {
        return HOSTS.formatted(port, port);
    }

    /** TLS-only cluster with IAM and SCRAM, public access on for IAM: no plaintext string at all. */
    private static final String IAM_SCRAM_PUBLIC_IAM = """
            {
              "BootstrapBrokerStringTls": "%s",
              "BootstrapBrokerStringSaslScram": "%s",
              "BootstrapBrokerStringSaslIam": "%s",
              "BootstrapBrokerStringPublicSaslIam": "%s"
            }""".formatted(hosts(9094), hosts(9096), hosts(9098), hosts(9198));

    /** A study cluster that also allows plaintext, with IAM only. */
    private static final String PLAINTEXT_AND_IAM = """
            {
              "BootstrapBrokerString": "%s",
              "BootstrapBrokerStringTls": "%s",
              "BootstrapBrokerStringSaslIam": "%s"
            }""".formatted(hosts(9092), hosts(9094), hosts(9098));

    @Test
    void eachListenerHasItsOwnStringAndPort() {
        assertThat(BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_TLS, false)).isEqualTo(hosts(9094));
        assertThat(BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_SCRAM, false)).isEqualTo(hosts(9096));
        assertThat(BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_IAM, false)).isEqualTo(hosts(9098));
        assertThat(BootstrapBrokers.choose(PLAINTEXT_AND_IAM, ProfileKind.MSK_PLAINTEXT, false)).isEqualTo(hosts(9092));
    }

    @Test
    void publicAccessUsesThePublicEndpoint() {
        assertThat(BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_IAM, true)).isEqualTo(hosts(9198));
    }

    @Test
    void aListenerTheClusterDoesNotHaveIsNamedNotReplacedByAnother() {
        assertThatThrownBy(() -> BootstrapBrokers.choose(PLAINTEXT_AND_IAM, ProfileKind.MSK_SCRAM, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BootstrapBrokerStringSaslScram");
        assertThatThrownBy(() -> BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_PLAINTEXT, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BootstrapBrokerString");
        assertThatThrownBy(() -> BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.MSK_SCRAM, true))
                .as("public access is on for IAM only").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BootstrapBrokerStringPublicSaslScram");
    }

    @Test
    void profilesThatAreNotMskListenersAreRefused() {
        assertThatThrownBy(() -> BootstrapBrokers.choose(IAM_SCRAM_PUBLIC_IAM, ProfileKind.CONFLUENT_CLOUD, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
