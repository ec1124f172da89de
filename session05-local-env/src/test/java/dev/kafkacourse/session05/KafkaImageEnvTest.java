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

        // The image hands its launcher's variables to the JVM and logging, never to server.properties.
        assertThat(KafkaImageConfig.serverProperties(Map.of("KAFKA_HEAP_OPTS", "-Xmx1G", "KAFKA_OPTS", "-Dx=y")))
                .as("test setup: what the image makes of its launcher's variables").isEmpty();
        for (String launcherName : new String[] {"heap.opts", "opts", "jmx.opts"}) {
            Properties launcher = new Properties();
            launcher.setProperty(launcherName, "x");
            assertThatThrownBy(() -> KafkaImageEnv.environmentFor(launcher))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(launcherName);
        }
    }

    @Test
    void namesWithKafkaInThemAreFine() {
        // The image strips only the KAFKA_ prefix: KAFKA_KAFKA_METRICS_REPORTERS is kafka.metrics.reporters.
        Properties props = new Properties();
        props.setProperty("kafka.metrics.reporters", "com.example.Reporter");
        props.setProperty("kafkastore.topic", "_schemas");
        props.setProperty("listener.name.kafka.ssl.keystore.location", "/etc/kafka/secrets/keystore.jks");

        Map<String, String> env = KafkaImageEnv.environmentFor(props);

        assertThat(env).containsExactly(
                Map.entry("KAFKA_KAFKASTORE_TOPIC", "_schemas"),
                Map.entry("KAFKA_KAFKA_METRICS_REPORTERS", "com.example.Reporter"),
                Map.entry("KAFKA_LISTENER_NAME_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/secrets/keystore.jks"));
        Map<String, String> expected = new HashMap<>();
        props.stringPropertyNames().forEach(name -> expected.put(name, props.getProperty(name)));
        assertThat(KafkaImageConfig.serverProperties(env)).as("what the apache/kafka image writes from these "
                + "variables").isEqualTo(expected);
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
