package dev.kafkacourse.session17;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;

/**
 * The exactly-once stats job as a process of its own, so it can be killed for real (SIGKILL: no shutdown hook,
 * no abort, no leave-group). Prints one line per event a supervisor may wait for:
 * {@code STARTED}, {@code COMMITTED n records=r}, {@code CRASH-POINT stage:n} (then it hangs until killed),
 * {@code CAUGHT-UP records=r} (then it exits 0) and {@code FENCED ...} (exit 3).
 *
 * <pre>
 * --bootstrap-servers HOST:PORT   --client-config FILE (optional: security settings, properties format)
 * --input TOPIC --stats TOPIC [--audit TOPIC] [--dlq TOPIC] --group ID --transactional-id ID
 * [--max-poll-records N] [--transaction-timeout-ms MS] [--crash-at after-send:2] [--exit-when-caught-up]
 * </pre>
 */
public final class StatsJobMain {

    static final int EXIT_FENCED = 3;

    private StatsJobMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = parse(args);
        PrintStream out = System.out;
        Map<String, Object> clientConfig = new HashMap<>();
        if (options.containsKey("client-config")) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(options.get("client-config")))) {
                properties.load(in);
            }
            properties.forEach((key, value) -> clientConfig.put(key.toString(), value));
        }
        if (options.containsKey("bootstrap-servers")) {
            clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.get("bootstrap-servers"));
        }
        ExactlyOnceStatsJob.Builder builder = ExactlyOnceStatsJob.builder(clientConfig, require(options, "input"),
                        require(options, "stats"), require(options, "transactional-id"))
                .groupId(require(options, "group"))
                .auditTopic(options.get("audit"))
                .deadLetterTopic(options.get("dlq"))
                .maxPollRecords(Integer.parseInt(options.getOrDefault("max-poll-records", "500")))
                .transactionTimeout(Duration.ofMillis(
                        Long.parseLong(options.getOrDefault("transaction-timeout-ms", "60000"))));
        if (options.containsKey("crash-at")) {
            builder.crashPoint(CrashPoint.parse(options.get("crash-at"), () -> hangUntilKilled(out,
                    options.get("crash-at"))));
        }
        long started = System.nanoTime();
        builder.onCommit(records -> out.printf("COMMITTED records=%d t=%dms%n", records,
                (System.nanoTime() - started) / 1_000_000));
        boolean exitWhenCaughtUp = options.containsKey("exit-when-caught-up");
        try (ExactlyOnceStatsJob job = builder.build()) {
            out.printf("STARTED %s jvm-up=%dms ready=%dms%n", job.transactionalId(),
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(),
                    (System.nanoTime() - started) / 1_000_000);
            while (true) {
                int records = job.processOnce(Duration.ofMillis(100));
                if (records == 0 && exitWhenCaughtUp && job.caughtUp()) {
                    out.println("CAUGHT-UP records=" + job.recordsProcessed() + " t=" + (System.nanoTime() - started) / 1_000_000 + "ms transactions="
                            + job.transactionsCommitted() + " aborted=" + job.transactionsAborted());
                    break;
                }
            }
        } catch (KafkaException e) {
            out.println("FENCED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            out.flush();
            System.exit(EXIT_FENCED);
        }
        out.flush();
        System.exit(0);
    }

    /** The crash point: say where we are, then wait for the supervisor's SIGKILL. */
    private static void hangUntilKilled(PrintStream out, String point) {
        out.println("CRASH-POINT " + point);
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("interrupted at crash point " + point);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }
}
