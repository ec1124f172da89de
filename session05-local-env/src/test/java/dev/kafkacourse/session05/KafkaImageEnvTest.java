package dev.kafkacourse.session05;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: KafkaImageEnv. Checked against the image's own code ({@code kafka.docker.KafkaDockerWrapper} in the
 * kafka_2.13 jar, through {@link KafkaImageConfig}): the variables must give back exactly the properties.
 */
class KafkaImageEnvTest {

    @Test
    void aBrokersPropertiesBecomeTheVariablesOfTheComposeFiles() {
        Properties props = new Properties();
        props.setProperty("node.id", "0");
        props.setProperty("process.roles", "broker");
        props.setProperty("listeners", "INTERNAL://:9092,EXTERNAL://:9094");
        props.setProperty("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://localhost:39092");
        props.setProperty("controller.quorum.voters", "3000@controller-0:9093");
        props.setProperty("offsets.topic.replication.factor", "3");

        Map<String, String> env = KafkaImageEnv.environmentFor(props);

        assertThat(env).containsExactly(
                Map.entry("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://broker-0:9092,EXTERNAL://localhost:39092"),
                Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "3000@controller-0:9093"),
                Map.entry("KAFKA_LISTENERS", "INTERNAL://:9092,EXTERNAL://:9094"),
                Map.entry("KAFKA_NODE_ID", "0"),
                Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
                Map.entry("KAFKA_PROCESS_ROLES", "broker"));
    }

    @Test
    void underscoresAndDashesSurviveTheTripThroughTheImage() {
        Properties props = new Properties();
        props.setProperty("listener.name.internal.ssl.endpoint.identification.algorithm", "");
        props.setProperty("custom_metric.reporter-class", "a.b.Reporter");
        props.setProperty("x-y_z.w", "1");

        Map<String, String> env = KafkaImageEnv.environmentFor(props);

        assertThat(env).containsEntry("KAFKA_CUSTOM__METRIC_REPORTER___CLASS", "a.b.Reporter")
                .containsEntry("KAFKA_X___Y__Z_W", "1");
        Map<String, String> expected = new HashMap<>();
        props.stringPropertyNames().forEach(name -> expected.put(name, props.getProperty(name)));
        assertThat(KafkaImageConfig.serverProperties(env)).as("what the apache/kafka image writes from these "
                + "variables").isEqualTo(expected);
    }

    @Test
    void theVariablesOfTheRepositoryFilesComeBackFromTheirProperties() {
        ComposeFile.Service broker = ComposeChecker.load("kafka-cluster.yml", read("kafka-cluster.yml")).orElseThrow()
                .services().stream().filter(s -> s.name().equals("broker-1")).findFirst().orElseThrow();
        Properties props = new Properties();
        props.putAll(KafkaImageConfig.serverProperties(broker.environment()));

        Map<String, String> env = KafkaImageEnv.environmentFor(props);

        Map<String, String> kafkaVariables = new HashMap<>(broker.environment());
        kafkaVariables.keySet().removeIf(name -> !name.startsWith("KAFKA_") || name.equals("KAFKA_HEAP_OPTS"));
        assertThat(env).isEqualTo(kafkaVariables);
    }

    @Test
    void aNameTheImageCannotExpressIsRefusedByName() {
        Properties upperCase = new Properties();
        upperCase.setProperty("listener.name.EXTERNAL.ssl.keystore.location", "/etc/kafka/secrets/keystore.jks");
        assertThatThrownBy(() -> KafkaImageEnv.environmentFor(upperCase))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listener.name.EXTERNAL.ssl.keystore.location");

        Properties kafkaInside = new Properties();
        kafkaInside.setProperty("kafka.metrics.reporters", "com.example.Reporter");
        assertThatThrownBy(() -> KafkaImageEnv.environmentFor(kafkaInside))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.metrics.reporters");

        // A listener named "kafka": KAFKA_ in the middle of the name is deleted just the same.
        String kafkaInTheMiddle = "listener.name.kafka.ssl.keystore.location";
        assertThat(KafkaImageConfig.serverProperties(Map.of("KAFKA_LISTENER_NAME_KAFKA_SSL_KEYSTORE_LOCATION", "x")))
                .as("test setup: what the image makes of the variable").doesNotContainKey(kafkaInTheMiddle);
        Properties middle = new Properties();
        middle.setProperty(kafkaInTheMiddle, "/etc/kafka/secrets/keystore.jks");
        assertThatThrownBy(() -> KafkaImageEnv.environmentFor(middle))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(kafkaInTheMiddle);
    }

    @Test
    void kafkaWithoutAnUnderscoreAfterItIsFine() {
        // The schema registry's kafkastore.topic: KAFKASTORE_ contains no KAFKA_, so the image keeps it.
        Properties props = new Properties();
        props.setProperty("kafkastore.topic", "_schemas");

        Map<String, String> env = KafkaImageEnv.environmentFor(props);

        assertThat(env).containsExactly(Map.entry("KAFKA_KAFKASTORE_TOPIC", "_schemas"));
        assertThat(KafkaImageConfig.serverProperties(env)).containsExactly(Map.entry("kafkastore.topic", "_schemas"));
    }

    @Test
    void noPropertiesNoVariables() {
        assertThat(KafkaImageEnv.environmentFor(new Properties())).isEmpty();
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(ComposeChecker.locateDockerDir().resolve(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
