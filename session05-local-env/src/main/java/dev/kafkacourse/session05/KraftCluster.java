package dev.kafkacourse.session05;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A KRaft cluster started inside this JVM from one set of server properties per node, the way an operator starts
 * one from files: write {@code server.properties}, {@code kafka-storage.sh format -t <cluster id> -c ...} (here
 * {@link StorageTool}, the class behind that script), then {@code kafka-server-start.sh} (here
 * {@link KafkaRaftServer}, the class behind {@code kafka.Kafka}). Controllers start first, brokers after them;
 * {@link #close()} stops brokers before controllers, because a broker shutting down asks its controller first.
 *
 * <p>Nodes must be either controllers or brokers: combined broker+controller nodes hang in a multi-node cluster in
 * one JVM in Kafka 4.2 (KAFKA-19867). Each node's files stay in {@code workDir/node-<id>/} for a learner to read.
 */
public final class KraftCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration NODE_STOP_TIMEOUT = Duration.ofSeconds(30);

    /** One started node: its id, roles, its properties file, Kafka's view of them, and the server running it. */
    public record NodeProcess(int id, Set<String> roles, Path propertiesFile, KafkaConfig config,
            KafkaRaftServer server) {
        public boolean isController() {
            return roles.contains("controller");
        }

        public boolean isBroker() {
            return roles.contains("broker");
        }
    }

    private final String clusterId;
    private final List<NodeProcess> nodes;
    private final String bootstrapServers;

    private KraftCluster(String clusterId, List<NodeProcess> nodes, String bootstrapServers) {
        this.clusterId = clusterId;
        this.nodes = nodes;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats and starts every node of {@code nodeProperties} in this JVM, and returns once every broker has
     * registered with the controllers (an {@code Admin} sees all of them).
     *
     * @throws IllegalArgumentException if a node's properties are invalid (Kafka's own message, naming the node)
     * @throws IllegalStateException    if a node fails to start or the brokers do not register within 90 s;
     *                                  everything started is stopped before it is thrown
     */
    public static KraftCluster start(List<Properties> nodeProperties, Path workDir) {
        String clusterId = Uuid.randomUuid().toString();
        // Validate every node before starting any, so a typo costs nothing to find.
        List<Properties> ordered = new ArrayList<>(nodeProperties);
        ordered.forEach(KraftCluster::configOf);
        if (ordered.size() > 1 && ordered.stream().anyMatch(p -> rolesOf(p).size() > 1)) {
            throw new IllegalArgumentException("Combined broker+controller nodes (process.roles=broker,controller) "
                    + "hang in a multi-node cluster in one JVM in Kafka 4.2 (KAFKA-19867): give each node one role");
        }
        // Controllers first: a broker's start-up waits until it has registered with the controller quorum.
        ordered.sort(Comparator.comparing(properties -> !rolesOf(properties).contains("controller")));
        List<NodeProcess> started = new ArrayList<>();
        try {
            for (Properties properties : ordered) {
                started.add(startNode(properties, configOf(properties), clusterId, workDir));
            }
            List<NodeProcess> brokers = started.stream().filter(NodeProcess::isBroker).toList();
            String bootstrap = brokers.stream().map(node -> bootstrapAddress(node.config()))
                    .collect(Collectors.joining(","));
            KraftCluster cluster = new KraftCluster(clusterId, List.copyOf(started), bootstrap);
            cluster.awaitBrokers(brokers.stream().map(NodeProcess::id).collect(Collectors.toCollection(TreeSet::new)));
            return cluster;
        } catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    /** Kafka's own validation of one node's settings: the same check {@code kafka-server-start.sh} makes first. */
    public static KafkaConfig configOf(Properties properties) {
        try {
            return KafkaConfig.fromProps(properties, false);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Node " + properties.getProperty("node.id", "(no node.id)")
                    + " has invalid server properties: " + e.getMessage(), e);
        }
    }

    private static NodeProcess startNode(Properties properties, KafkaConfig config, String clusterId, Path workDir) {
        int id = config.nodeId();
        Path file = writeProperties(workDir.resolve("node-" + id).resolve("server.properties"), properties);
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted;
        try (PrintStream out = new PrintStream(formatOutput, true, StandardCharsets.UTF_8)) {
            formatted = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", file.toString(),
                    "--ignore-formatted"}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("kafka-storage format failed for node " + id + ": " + e.getMessage(), e);
        }
        if (formatted != 0) {
            throw new IllegalStateException("kafka-storage format failed for node " + id + ": "
                    + formatOutput.toString(StandardCharsets.UTF_8).strip());
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Set<String> roles = rolesOf(properties);
        try {
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalStateException("Node " + id + " (" + roles + ") did not start: " + e.getMessage()
                    + (roles.contains("broker") ? ". A broker that cannot reach the controller quorum fails like this: "
                    + "check controller.quorum.voters and the CONTROLLER listener in " + file : ""), e);
        }
        return new NodeProcess(id, roles, file, config, server);
    }

    private static Set<String> rolesOf(Properties properties) {
        return Arrays.stream(properties.getProperty("process.roles", "").split(","))
                .map(String::strip).filter(role -> !role.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code host:port} of the broker's first advertised (or, without any, bound) non-controller listener. */
    static String bootstrapAddress(KafkaConfig config) {
        List<Endpoint> endpoints = CollectionConverters.asJava(config.effectiveAdvertisedBrokerListeners());
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("Broker " + config.nodeId() + " has no broker listener");
        }
        Endpoint endpoint = endpoints.get(0);
        String host = endpoint.host() == null || endpoint.host().isBlank() ? "localhost" : endpoint.host();
        return host + ":" + endpoint.port();
    }

    private void awaitBrokers(Set<Integer> brokerIds) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Set<Integer> seen = Set.of();
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
                    if (seen.containsAll(brokerIds)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for brokers " + brokerIds, e);
        }
        throw new IllegalStateException("Brokers " + brokerIds + " did not all register within "
                + READY_TIMEOUT.toSeconds() + " s (registered: " + seen + ")"
                + (last == null ? "" : "; last error: " + last.getCause()) + ". Check controller.quorum.voters and "
                + "the CONTROLLER listener of every node; the node files are in " + nodes.get(0).propertiesFile()
                .getParent().getParent());
    }

    public String clusterId() {
        return clusterId;
    }

    /** The brokers' advertised client addresses, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    /** Stops brokers, then controllers. Each node gets 30 s; one that hangs is left to the JVM's exit. */
    @Override
    public void close() {
        stopAll(nodes);
    }

    private static void stopAll(List<NodeProcess> nodes) {
        List<NodeProcess> order = new ArrayList<>(nodes.stream().filter(n -> !n.isController()).toList());
        order.addAll(nodes.stream().filter(NodeProcess::isController).toList());
        // Brokers stop together (each one's controlled shutdown only needs the controllers), then the controllers.
        stopInParallel(order.stream().filter(n -> !n.isController()).toList());
        stopInParallel(order.stream().filter(NodeProcess::isController).toList());
    }

    private static void stopInParallel(List<NodeProcess> nodes) {
        List<Thread> threads = nodes.stream()
                .map(node -> {
                    Thread thread = new Thread(() -> stopQuietly(node.server()), "stop-node-" + node.id());
                    thread.setDaemon(true);
                    thread.start();
                    return thread;
                })
                .toList();
        long deadline = System.nanoTime() + NODE_STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            // A node that fails to stop cleanly must not hide the result of what used the cluster.
        }
    }

    static Path writeProperties(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                // Sorted, so the file reads like a hand-written one.
                for (String name : new TreeSet<>(properties.stringPropertyNames())) {
                    writer.write(name + "=" + properties.getProperty(name) + System.lineSeparator());
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
