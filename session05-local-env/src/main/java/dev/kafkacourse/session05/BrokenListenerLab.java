package dev.kafkacourse.session05;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

/**
 * Lab 3: what a broken listener configuration looks like from the outside. First three settings Kafka refuses at
 * start-up, with the message {@code kafka-server-start.sh} would print. Then the worse kind: a broker that starts
 * and looks healthy, whose clients connect to the bootstrap address, are told to use an address they cannot reach,
 * and time out. Both are the classic Docker mistakes: advertising the container's name, or the container's port
 * instead of the published one.
 *
 * <p>The lab misconfigures brokers on purpose, so it always runs its own nodes in this JVM, whatever KAFKA_MODE says.
 */
public final class BrokenListenerLab {

    /** What a client saw on a listener whose advertised address is wrong. */
    public record ClientFailure(String listener, String bootstrap, String advertised, String error,
            List<String> clientLog) {
    }

    /** Start-up errors by change made, and what clients saw. */
    public record Result(Map<String, String> startupErrors, List<ClientFailure> clientFailures) {
    }

    private BrokenListenerLab() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status = 0;
        Path workDir = null;
        try {
            LabLogs.quiet();
            workDir = Files.createTempDirectory("session05-broken-listener-");
            out.println("== session05 broken-listener == (its own controller and broker in this JVM: this lab "
                    + "misconfigures a broker on purpose)");
            out.println();
            run(out, workDir);
        } catch (Exception e) {
            out.println("Lab failed: " + e);
            e.printStackTrace(out);
            status = 1;
        } finally {
            deleteQuietly(workDir);
        }
        System.exit(status);
    }

    /** A broker as the Compose files configure one: INTERNAL for other containers, EXTERNAL for this machine. */
    static Map<String, String> validBroker() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker");
        config.put("node.id", "0");
        config.put("controller.quorum.voters", "3000@controller-0:9093");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "INTERNAL://:9092,EXTERNAL://:9094");
        config.put("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://localhost:39092");
        config.put("inter.broker.listener.name", "INTERNAL");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT");
        return config;
    }

    static Result run(PrintStream out, Path workDir) throws Exception {
        out.println("1. Settings Kafka refuses at start-up (the broker never starts; kafka-server-start.sh prints this)");
        out.println();
        out.println("   The valid broker:");
        validBroker().forEach((key, value) -> out.println("     " + key + "=" + value));
        out.println();
        Map<String, String> startupErrors = new LinkedHashMap<>();
        startupErrors.put("listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT",
                startupError(with("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT")));
        startupErrors.put("advertised.listeners=INTERNAL://broker-0:9092,EXTRENAL://localhost:39092",
                startupError(with("advertised.listeners", "INTERNAL://broker-0:9092,EXTRENAL://localhost:39092")));
        startupErrors.put("inter.broker.listener.name=PLAINTEXT",
                startupError(with("inter.broker.listener.name", "PLAINTEXT")));
        startupErrors.put("advertised.listeners=INTERNAL://broker-0:9092,EXTERNAL://0.0.0.0:39092",
                startupError(with("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://0.0.0.0:39092")));
        startupErrors.forEach((change, error) -> {
            out.println("   with " + change);
            out.println("     -> " + error);
        });
        out.println();
        out.println("   Note the second one: the typo is in advertised.listeners, the message talks about the security");
        out.println("   protocol map. Read the error, then read the settings it could come from.");
        out.println();

        out.println("2. A broker that starts, and clients that cannot use it");
        out.println();
        List<ClientFailure> failures = new ArrayList<>();
        // One controller and broker 0; the plan's other "broker" ports serve as broker 0's extra listener ports.
        KraftClusterPlan plan = KraftClusterPlan.onFreePorts(1, 4, workDir.resolve("data"));
        int externalPort = plan.port(1);
        int mappedPort = plan.port(2);
        int unpublishedPort = plan.port(3);
        Properties controller = node(plan, 3000, "controller");
        controller.setProperty("listeners", "CONTROLLER://localhost:" + plan.port(3000));
        Properties broker = node(plan, 0, "broker");
        int internalPort = plan.port(0);
        broker.setProperty("listeners", "INTERNAL://localhost:" + internalPort + ",EXTERNAL://localhost:" + externalPort
                + ",MAPPED://localhost:" + mappedPort);
        // EXTERNAL advertises the container's name; MAPPED advertises a port nothing listens on (the container
        // port instead of the published host port).
        broker.setProperty("advertised.listeners", "INTERNAL://localhost:" + internalPort + ",EXTERNAL://broker-0:"
                + externalPort + ",MAPPED://localhost:" + unpublishedPort);
        broker.setProperty("inter.broker.listener.name", "INTERNAL");
        broker.setProperty("listener.security.protocol.map",
                "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,MAPPED:PLAINTEXT");
        out.println("   broker 0: listeners=" + broker.getProperty("listeners"));
        out.println("             advertised.listeners=" + broker.getProperty("advertised.listeners"));
        out.println();

        LogCapture log = LogCapture.start("org.apache.kafka.clients.NetworkClient");
        try (KraftCluster cluster = KraftCluster.start(List.of(controller, broker), workDir.resolve("nodes"))) {
            String topic = "ad-events";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "localhost:" + internalPort))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            out.printf("   INTERNAL (localhost:%d, advertised correctly): broker up, topic %s created.%n%n",
                    internalPort, topic);
            failures.add(tryListener(out, log, "EXTERNAL", "localhost:" + externalPort, topic));
            failures.add(tryListener(out, log, "MAPPED", "localhost:" + mappedPort, topic));
        } finally {
            log.stop();
        }
        out.println("   Both times the bootstrap address worked: the client connected, asked for metadata, and was");
        out.println("   told to use the advertised address. Every later request goes there, and fails.");
        return new Result(startupErrors, failures);
    }

    private static ClientFailure tryListener(PrintStream out, LogCapture log, String listener, String bootstrap,
            String topic) throws Exception {
        log.clear();
        String advertised;
        String error;
        long start;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            // The first metadata request goes to the bootstrap address, which works: the answer names the leader.
            Node leader = producer.partitionsFor(topic).get(0).leader();
            advertised = leader.host() + ":" + leader.port();
            out.printf("   %s: bootstrap %s answers; partition 0's leader is broker %d at %s%n", listener, bootstrap,
                    leader.id(), advertised);
            start = System.nanoTime();
            try {
                producer.send(new ProducerRecord<>(topic, "c-001", "impression")).get(30, TimeUnit.SECONDS);
                error = "(none: the send succeeded)";
            } catch (ExecutionException e) {
                error = e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.printf("     producer.send() failed after %,d ms: %s%n", millis, error);
        String adminError;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            adminError = "(none)";
        } catch (ExecutionException e) {
            adminError = e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
        out.printf("     admin.describeCluster() failed too: %s%n", adminError);
        List<String> lines = log.distinctMessages();
        lines.stream().limit(2).forEach(line -> out.println("     client log: " + line));
        out.println();
        return new ClientFailure(listener, bootstrap, advertised, error, lines);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> config = validBroker();
        config.put(key, value);
        return config;
    }

    /** Kafka's message for a broker config it refuses, or null if it accepts it. */
    static String startupError(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        try {
            KraftCluster.configOf(properties);
            return null;
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getName() + ": " + cause.getMessage();
        }
    }

    private static Properties node(KraftClusterPlan plan, int id, String role) {
        Properties props = new Properties();
        props.setProperty("node.id", String.valueOf(id));
        props.setProperty("process.roles", role);
        props.setProperty("controller.quorum.voters", "3000@localhost:" + plan.port(3000));
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", plan.logDir(id).toString());
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        return props;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects what one logger says at WARN and above while the lab provokes it. */
    static final class LogCapture extends AppenderBase<ILoggingEvent> {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private Logger logger;
        private Level previous;

        static LogCapture start(String loggerName) {
            LogCapture capture = new LogCapture();
            if (LoggerFactory.getLogger(loggerName) instanceof Logger logger) {
                capture.logger = logger;
                capture.previous = logger.getLevel();
                logger.setLevel(Level.WARN);
                logger.setAdditive(false);   // collected and printed by the lab, not the console appender
                capture.setContext(logger.getLoggerContext());
                capture.start();
                logger.addAppender(capture);
            }
            return capture;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String cause = event.getThrowableProxy() == null ? ""
                    : " (" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + ")";
            messages.add(event.getFormattedMessage() + cause);
        }

        void clear() {
            messages.clear();
        }

        List<String> distinctMessages() {
            // Client ids and counters differ between otherwise identical lines; keep the first of each kind.
            return messages.stream().map(m -> m.replaceAll("\\[Producer clientId=[^]]*] |\\[AdminClient clientId=[^]]*] ", ""))
                    .distinct().collect(Collectors.toList());
        }

        @Override
        public void stop() {
            if (logger != null) {
                logger.detachAppender(this);
                logger.setLevel(previous);
                logger.setAdditive(true);
            }
            super.stop();
        }
    }
}
