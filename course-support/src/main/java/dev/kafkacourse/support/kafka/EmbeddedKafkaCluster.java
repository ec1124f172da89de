package dev.kafkacourse.support.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Real Kafka KRaft brokers inside this JVM, built with Kafka's own cluster test kit. This is the only class that
 * touches the test kit (a Kafka-internal API that moves between releases).
 *
 * <p>One broker runs as a combined broker+controller node. More brokers get one separate controller: combined
 * multi-node clusters hang in Kafka 4.2 (KAFKA-19867, see shared/notes/embedded-kafka.md).
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {

    private final KafkaClusterTestKit testKit;
    private final List<Integer> brokerIds;
    private final String bootstrapServers;

    private EmbeddedKafkaCluster(KafkaClusterTestKit testKit) {
        this.testKit = testKit;
        this.brokerIds = new ArrayList<>(testKit.nodes().brokerNodes().keySet());
        this.bootstrapServers = testKit.bootstrapServers();
    }

    public static EmbeddedKafkaCluster start(ClusterSpec spec) {
        KafkaClusterTestKit testKit = null;
        try {
            Path baseDir = Files.createTempDirectory("kafka-course-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(spec.brokers() == 1)
                    .setNumBrokerNodes(spec.brokers())
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            defaultBrokerProperties(spec.brokers()).forEach(builder::setConfigProp);
            spec.brokerProperties().forEach(builder::setConfigProp);
            testKit = builder.build();
            formatQuietly(testKit);
            testKit.startup();
            testKit.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(testKit);
        } catch (Exception e) {
            if (testKit != null) {
                closeQuietly(testKit);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start an embedded Kafka cluster with " + spec.brokers()
                    + " broker(s): " + e.getMessage(), e);
        }
    }

    /**
     * Settings that make a laptop cluster fast and behave like a production one: quick failure detection so
     * replication labs take seconds, small internal topics, MSK's default of no topic auto-creation.
     */
    public static Map<String, String> defaultBrokerProperties(int brokers) {
        String replication = String.valueOf(Math.min(brokers, 3));
        Map<String, String> props = new HashMap<>();
        props.put("broker.session.timeout.ms", "2000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "5");
        props.put("offsets.topic.replication.factor", replication);
        props.put("transaction.state.log.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", replication);
        props.put("transaction.state.log.min.isr", String.valueOf(Math.min(brokers, 2)));
        props.put("share.coordinator.state.topic.replication.factor", replication);
        props.put("share.coordinator.state.topic.min.isr", String.valueOf(Math.min(brokers, 2)));
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", replication);
        return props;
    }

    /** Formatting prints the bootstrap metadata straight to stdout; a lab's own output should not drown in it. */
    private static void formatQuietly(KafkaClusterTestKit testKit) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            testKit.format();
        } finally {
            System.setOut(stdout);
        }
    }

    @Override
    public KafkaMode mode() {
        return KafkaMode.EMBEDDED;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        return Map.of();
    }

    @Override
    public int brokerCount() {
        return brokerIds.size();
    }

    @Override
    public boolean supportsBrokerControl() {
        return true;
    }

    @Override
    public int brokerId(int index) {
        checkIndex(index);
        return brokerIds.get(index);
    }

    @Override
    public void stopBroker(int index) {
        BrokerServer broker = broker(index);
        broker.shutdown();
        broker.awaitShutdown();
    }

    @Override
    public void startBroker(int index) {
        broker(index).startup();
        awaitUnfenced(brokerIds.get(index));
    }

    /**
     * A started broker serves requests only once the controller has unfenced it (it registered and caught up with
     * the metadata log); until then Admin does not list it and it leads nothing. Returning earlier lets the next
     * step of a lesson race the broker's return.
     */
    private void awaitUnfenced(int brokerId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Awaitility.await("broker " + brokerId + " registered and unfenced")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().stream().anyMatch(n -> n.id() == brokerId));
        }
    }


    private BrokerServer broker(int index) {
        checkIndex(index);
        return testKit.brokers().get(brokerIds.get(index));
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= brokerIds.size()) {
            throw new IllegalArgumentException(
                    "No broker " + index + ": this cluster has brokers 0.." + (brokerIds.size() - 1));
        }
    }

    @Override
    public void close() {
        closeQuietly(testKit);
    }

    private static void closeQuietly(KafkaClusterTestKit testKit) {
        try {
            testKit.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
