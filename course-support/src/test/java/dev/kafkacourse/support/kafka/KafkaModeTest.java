package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaModeTest {

    @Test
    void autoPrefersTestcontainersWhereDockerAnswers() {
        assertThat(KafkaMode.resolve(null, () -> true)).isEqualTo(KafkaMode.TESTCONTAINERS);
        assertThat(KafkaMode.resolve("", () -> false)).isEqualTo(KafkaMode.EMBEDDED);
        assertThat(KafkaMode.resolve("auto", () -> false)).isEqualTo(KafkaMode.EMBEDDED);
    }

    @Test
    void explicitModeWinsAndIgnoresCase() {
        assertThat(KafkaMode.resolve("External", () -> true)).isEqualTo(KafkaMode.EXTERNAL);
        assertThat(KafkaMode.resolve(" embedded ", () -> true)).isEqualTo(KafkaMode.EMBEDDED);
        assertThat(KafkaMode.resolve("testcontainers", () -> false)).isEqualTo(KafkaMode.TESTCONTAINERS);
    }

    @Test
    void unknownModeListsTheChoices() {
        assertThatThrownBy(() -> KafkaMode.resolve("zookeeper", () -> false))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("zookeeper")
                .hasMessageContaining("KAFKA_MODE")
                .hasMessageContaining("embedded, testcontainers, external");
    }

    @Test
    void clusterSpecParsesBrokerProperties() {
        ClusterSpec spec = ClusterSpec.of(3, "min.insync.replicas=2", "unclean.leader.election.enable = true");
        assertThat(spec.brokers()).isEqualTo(3);
        assertThat(spec.brokerProperties()).containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "true");
        assertThatThrownBy(() -> ClusterSpec.of(1, "oops")).hasMessageContaining("key=value");
    }

    @Test
    void containerEnvironmentNamesFollowTheImageConvention() {
        assertThat(ContainerKafkaCluster.toEnvName("min.insync.replicas")).isEqualTo("KAFKA_MIN_INSYNC_REPLICAS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainerKafkaCluster.toEnvName("log.cleaner.io_x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KAFKA_MODE=embedded");
    }
}
