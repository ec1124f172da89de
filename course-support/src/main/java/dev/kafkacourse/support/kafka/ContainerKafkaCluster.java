package dev.kafkacourse.support.kafka;

import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-broker cluster from the official {@code apache/kafka} image, run by Testcontainers. The image tag is
 * the course's Kafka version; {@code -Dkafka.image} / {@code KAFKA_IMAGE} picks another (compatible) image.
 */
public final class ContainerKafkaCluster implements KafkaCluster {

    static final String DEFAULT_IMAGE = "apache/kafka:" + KafkaVersion.VERSION;

    private final KafkaContainer container;

    private ContainerKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    public static ContainerKafkaCluster start(ClusterSpec spec) {
        if (spec.brokers() != 1) {
            throw new UnsupportedOperationException("The testcontainers backend runs single-broker clusters; "
                    + spec.brokers() + " brokers need the embedded backend (-Dkafka.mode=embedded).");
        }
        if (!DockerProbe.isDockerAvailable()) {
            throw new KafkaSettingsException("kafka.mode=testcontainers needs a Docker engine, but "
                    + DockerProbe.unavailableReason() + ". Start Docker (or set DOCKER_HOST), or use "
                    + "-Dkafka.mode=embedded.");
        }
        String image = Settings.get("kafka.image", "KAFKA_IMAGE");
        DockerImageName imageName = DockerImageName.parse(image == null ? DEFAULT_IMAGE : image)
                .asCompatibleSubstituteFor("apache/kafka");
        KafkaContainer container = new KafkaContainer(imageName);
        Map<String, String> props = new java.util.HashMap<>(EmbeddedKafkaCluster.defaultBrokerProperties(1));
        props.remove("share.coordinator.state.topic.replication.factor");
        props.remove("share.coordinator.state.topic.min.isr");
        props.putAll(spec.brokerProperties());
        props.forEach((key, value) -> container.withEnv(toEnvName(key), value));
        container.start();
        return new ContainerKafkaCluster(container);
    }

    /**
     * {@code min.insync.replicas} → {@code KAFKA_MIN_INSYNC_REPLICAS}. Names with {@code _} or {@code -} need the
     * image's escaping, which session 05 asks learners to work out; no lesson's broker setting needs it, so they are
     * refused here rather than turned into a variable the image would read as another property.
     */
    static String toEnvName(String brokerProperty) {
        if (!brokerProperty.matches("[a-z0-9.]+")) {
            throw new IllegalArgumentException("Broker setting '" + brokerProperty + "' cannot be passed to the "
                    + "container as a variable by the course fixture (only lower-case letters, digits and dots); "
                    + "run that lesson on the embedded backend (KAFKA_MODE=embedded)");
        }
        return "KAFKA_" + brokerProperty.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    @Override
    public KafkaMode mode() {
        return KafkaMode.TESTCONTAINERS;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public Map<String, Object> clientProperties() {
        return Map.of();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public void close() {
        container.stop();
    }
}
