package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.profile.ProfileKind;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's labs as a learner runs them: the secure one against a real TLS + SASL_SSL broker. */
class Session04LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @AfterEach
    void showTheLabOutput() {
        System.out.print(output.toString(StandardCharsets.UTF_8)); // in target/surefire-reports/*-output.txt
    }

    @Test
    void theSameRoundTripWorksOverTlsAndScramAndEachMistakeFailsItsOwnWay() throws Exception {
        SecureKafkaCluster cluster = SecureKafkaCluster.shared();
        try (KafkaFixture kafka = KafkaFixture.on(cluster, "session04-secure")) {
            SecureListenersLab.Result result = SecureListenersLab.run(kafka, cluster, out, 100);

            for (RoundTrip.Outcome outcome : new RoundTrip.Outcome[] {result.tls(), result.scram()}) {
                assertThat(outcome.received()).isEqualTo(outcome.sent()).isPositive();
                assertThat(outcome.statsMatch()).isTrue();
            }
            Map<String, String> failures = result.failures();
            assertThat(failures.get("no trust store (the broker's CA is not a public one)")).startsWith("SslAuthenticationException");
            assertThat(failures.get("wrong SCRAM password")).startsWith("SaslAuthenticationException");
            assertThat(failures.get("TLS listener that wants a client certificate, none given")).startsWith("SslAuthenticationException");
            assertThat(failures.get("PLAINTEXT client on the SASL_SSL port")).startsWith("TimeoutException");
            assertThat(failures.get("SCRAM profile without a password")).startsWith("ProfileException").contains("KAFKA_SASL_PASSWORD");
            assertThat(failures.get("SCRAM profile with MSK's IAM address")).startsWith("ProfileException").contains("9096")
                    .contains("course.profile=msk-iam");
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain(" NO").contains("per-campaign stats equal the generator's: yes");
    }

    @Test
    void profilesPrintTheirPropertiesWithoutSecretsAndTheChecksNameTheFix() throws Exception {
        ProfilesLab.Result result = ProfilesLab.run(out, Map.of(), false); // the credential lookup itself: IamCredentialLookupTest

        assertThat(result.properties().get(ProfileKind.MSK_IAM)).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
        assertThat(result.properties().get(ProfileKind.CONFLUENT_CLOUD)).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("example-password").contains("password=\"***\"");
        assertThat(result.checks().get("msk-scram on the IAM port 9098")).contains("BootstrapBrokerStringSaslScram");
        assertThat(result.checks().get("msk-iam without the aws-msk-iam-auth library")).contains("software.amazon.msk:aws-msk-iam-auth");
        assertThat(result.checks().get("password written into the profile file")).doesNotContain("hunter2");
    }
}
