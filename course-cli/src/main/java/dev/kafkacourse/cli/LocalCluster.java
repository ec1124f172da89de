package dev.kafkacourse.cli;

import dev.kafkacourse.support.kafka.EmbeddedKafkaCluster;
import dev.kafkacourse.support.kafka.ExternalKafkaCluster;
import dev.kafkacourse.support.kafka.KafkaSettingsException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * {@code ./course cluster up|down|status}: a KRaft cluster of separate broker processes and one controller process
 * on localhost, from Kafka's own jars. It outlives any test, so labs and {@code KAFKA_MODE=external} runs can use it
 * the way they would use MSK. Data, configs and logs live in {@code .course/cluster/}.
 */
final class LocalCluster {

    static final int CONTROLLER_PORT = 19190;
    static final int FIRST_BROKER_PORT = 19092;
    static final int CONTROLLER_ID = 3000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final PrintStream out;

    LocalCluster(Path root, PrintStream out) {
        this.home = root.resolve(".course/cluster");
        this.out = out;
    }

    int run(List<String> args) {
        String action = args.isEmpty() ? "status" : args.get(0);
        return switch (action) {
            case "up" -> up(brokers(args));
            case "down" -> down();
            case "status" -> status();
            default -> throw new CourseCli.UsageException("Unknown cluster action '" + action
                    + "'. Use: ./course cluster up [--brokers N] | down | status");
        };
    }

    private static int brokers(List<String> args) {
        int index = args.indexOf("--brokers");
        if (index < 0) {
            return 3;
        }
        try {
            int brokers = Integer.parseInt(args.get(index + 1));
            if (brokers >= 1 && brokers <= 9) {
                return brokers;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new CourseCli.UsageException("--brokers takes a number from 1 to 9");
    }

    static String bootstrapServers(int brokers) {
        return IntStream.range(0, brokers).mapToObj(i -> "localhost:" + (FIRST_BROKER_PORT + i))
                .collect(Collectors.joining(","));
    }

    int up(int brokers) {
        if (!runningNodes().isEmpty()) {
            out.println("A local cluster is already running:");
            return status();
        }
        List<Integer> ports = new ArrayList<>(List.of(CONTROLLER_PORT));
        IntStream.range(0, brokers).forEach(i -> ports.add(FIRST_BROKER_PORT + i));
        for (int port : ports) {
            if (!isFree(port)) {
                out.printf("✗ Port %d is in use. Stop whatever listens there (ss -ltnp | grep %d), or ./course cluster down.%n",
                        port, port);
                return CourseCli.FAILED;
            }
        }
        long start = System.nanoTime();
        deleteRecursively(home);
        String clusterId = Uuid.randomUuid().toString();
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("controller", CONTROLLER_ID, CONTROLLER_PORT, controllerConfig()));
        for (int i = 0; i < brokers; i++) {
            nodes.add(new Node("broker-" + i, i, FIRST_BROKER_PORT + i, brokerConfig(i, brokers)));
        }
        out.printf("Starting a KRaft cluster of %d broker(s) and 1 controller in %s ...%n", brokers, home);
        for (Node node : nodes) {
            Path dir = home.resolve(node.name());
            node.config().put("log.dirs", dir.resolve("data").toString());
            Path properties = writeProperties(dir.resolve("server.properties"), node.config());
            int formatted = runJava(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                    properties.toString(), "--ignore-formatted"), dir.resolve("format.log"));
            if (formatted != 0) {
                out.println("✗ Formatting " + node.name() + " failed; see " + dir.resolve("format.log"));
                return CourseCli.FAILED;
            }
            Process process = startJava(List.of("-Xmx512m", "kafka.Kafka", properties.toString()),
                    dir.resolve("server.log"));
            writeString(dir.resolve("pid"), String.valueOf(process.pid()));
        }
        writeString(home.resolve("brokers"), String.valueOf(brokers));
        try {
            ExternalKafkaCluster cluster = awaitBrokers(brokers);
            out.printf("✓ Ready in %.1f s: %d broker(s) at %s%n%n", (System.nanoTime() - start) / 1e9,
                    cluster.brokerCount(), bootstrapServers(brokers));
            printUsage(brokers);
            return CourseCli.OK;
        } catch (KafkaSettingsException e) {
            out.println("✗ The cluster did not become ready: " + e.getMessage());
            out.println("  Logs: " + home + "/*/server.log (kept). Stopping what was started.");
            stop();
            return CourseCli.FAILED;
        }
    }

    private ExternalKafkaCluster awaitBrokers(int brokers) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        KafkaSettingsException last = null;
        while (System.nanoTime() < deadline) {
            try {
                ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(bootstrapServers(brokers), Map.of(),
                        Duration.ofSeconds(5));
                if (cluster.brokerCount() == brokers) {
                    return cluster;
                }
            } catch (KafkaSettingsException e) {
                last = e;
            }
            if (runningNodes().size() < brokers + 1) {
                throw new KafkaSettingsException("a node exited during start-up");
            }
        }
        throw last != null ? last : new KafkaSettingsException("not all " + brokers + " brokers registered within "
                + READY_TIMEOUT.toSeconds() + " s");
    }

    int down() {
        int stopped = stop();
        deleteRecursively(home);
        out.println(stopped == 0 ? "No local cluster was running." : "Stopped " + stopped
                + " node(s) and removed " + home + ".");
        return CourseCli.OK;
    }

    private int stop() {
        // Brokers first, the controller last: a broker shutting down without its controller waits for it.
        List<ProcessHandle> running = new ArrayList<>();
        nodeNames().stream().sorted(Comparator.comparing(name -> name.equals("controller")))
                .forEach(name -> process(home.resolve(name)).ifPresent(running::add));
        for (ProcessHandle process : running) {
            process.destroy();
            try {
                process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
        return running.size();
    }

    int status() {
        List<ProcessHandle> running = runningNodes();
        if (running.isEmpty()) {
            out.println("No local cluster is running. Start one: ./course cluster up --brokers 3");
            return CourseCli.FAILED;
        }
        int brokers = Integer.parseInt(readString(home.resolve("brokers")));
        out.printf("Local KRaft cluster: %d broker(s) + 1 controller, %d process(es) running%n", brokers, running.size());
        for (String name : nodeNames()) {
            Path dir = home.resolve(name);
            Optional<ProcessHandle> process = process(dir);
            out.printf("  %-10s pid %-8s %s  log %s%n", name, process.map(p -> String.valueOf(p.pid())).orElse("-"),
                    process.isPresent() ? "running" : "STOPPED", dir.resolve("server.log"));
        }
        out.println("  data and configs: " + home);
        try {
            ExternalKafkaCluster cluster = ExternalKafkaCluster.connect(bootstrapServers(brokers), Map.of(),
                    Duration.ofSeconds(5));
            out.printf("  answering: %d broker(s) at %s%n%n", cluster.brokerCount(), bootstrapServers(brokers));
        } catch (KafkaSettingsException e) {
            out.println("  not answering: " + e.getMessage());
            return CourseCli.FAILED;
        }
        printUsage(brokers);
        return CourseCli.OK;
    }

    private void printUsage(int brokers) {
        out.println("Use it from labs and tests:");
        out.println("  export KAFKA_MODE=external KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers(brokers));
        out.println("  ./course lab 02 produce-consume");
        out.println("Stop it: ./course cluster down");
    }

    private Map<String, String> controllerConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "controller");
        config.put("node.id", String.valueOf(CONTROLLER_ID));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + CONTROLLER_PORT);
        config.put("listeners", "CONTROLLER://localhost:" + CONTROLLER_PORT);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        // The controller fences a silent broker: as in the embedded clusters, after 2 s rather than 9 s.
        config.put("broker.session.timeout.ms", "2000");
        config.put("broker.heartbeat.interval.ms", "500");
        return config;
    }

    private Map<String, String> brokerConfig(int index, int brokers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker");
        // Node ids from 1, as on MSK: nothing may assume a broker 0.
        config.put("node.id", String.valueOf(index + 1));
        config.put("controller.quorum.voters", CONTROLLER_ID + "@localhost:" + CONTROLLER_PORT);
        config.put("listeners", "PLAINTEXT://localhost:" + (FIRST_BROKER_PORT + index));
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + (FIRST_BROKER_PORT + index));
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.putAll(new java.util.TreeMap<>(EmbeddedKafkaCluster.defaultBrokerProperties(brokers)));
        return config;
    }

    private record Node(String name, int id, int port, Map<String, String> config) {
    }

    private List<String> nodeNames() {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(home)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ProcessHandle> runningNodes() {
        List<ProcessHandle> running = new ArrayList<>();
        nodeNames().forEach(name -> process(home.resolve(name)).ifPresent(running::add));
        return running;
    }

    private static Optional<ProcessHandle> process(Path nodeDir) {
        Path pid = nodeDir.resolve("pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        long id = Long.parseLong(readString(pid).strip());
        return ProcessHandle.of(id).filter(ProcessHandle::isAlive).filter(p -> runs(id, nodeDir));
    }

    /** Whether process {@code id} is this node's JVM, not another process that got its id after a crash. */
    private static boolean runs(long id, Path nodeDir) {
        String config = nodeDir.resolve("server.properties").toString();
        Path cmdline = Path.of("/proc", String.valueOf(id), "cmdline");
        try {
            // ProcessHandle.Info cuts long command lines (ours carries the classpath); /proc has all of it.
            return Files.exists(cmdline)
                    ? new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8).contains(config)
                    : ProcessHandle.of(id).flatMap(p -> p.info().commandLine()).map(c -> c.contains(config)).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static int runJava(List<String> args, Path log) {
        try {
            return startJava(args, log).waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A Kafka JVM on the CLI's own classpath (Kafka's jars from Maven Central), detached from this terminal. */
    private static Process startJava(List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");   // Ctrl-C in the terminal must not take the cluster down with it
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path writeProperties(Path file, Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        try {
            Files.createDirectories(file.getParent());
            try (var writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "Written by ./course cluster up");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
