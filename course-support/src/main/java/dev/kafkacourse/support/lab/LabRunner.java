package dev.kafkacourse.support.lab;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.kafka.KafkaSettingsException;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import java.io.PrintStream;

/**
 * Runs a lab's {@code main}: connects to the selected cluster, prints where it runs, runs the lab, and stops the
 * in-JVM brokers afterwards (Kafka's threads would otherwise keep the JVM alive). Exit code 0 on success, 1 when
 * the lab failed, 2 when the Kafka settings are wrong or the lab cannot run on the selected backend.
 */
public final class LabRunner {

    /** The body of a lab: everything it does, printed to {@code out}. */
    @FunctionalInterface
    public interface Lab {
        void run(KafkaFixture kafka, PrintStream out) throws Exception;
    }

    private LabRunner() {
    }

    /** Runs {@code lab} on the JVM's shared cluster of the selected backend (embedded, testcontainers, external). */
    public static void run(String labName, Lab lab) {
        System.exit(runOn(labName, System.out, KafkaClusters::shared, false, lab));
    }

    /**
     * Runs {@code lab} on a cluster of its own, for lessons that stop brokers or change broker settings. Such a
     * cluster cannot be an external one (MSK, a team cluster): there the lab explains why and exits with 2.
     */
    public static void runOnOwnCluster(String labName, ClusterSpec spec, Lab lab) {
        PrintStream out = System.out;
        if (KafkaMode.resolve() == KafkaMode.EXTERNAL) {
            out.printf("%s needs a cluster of its own (%d broker(s)%s) that it may reconfigure or stop.%n"
                    + "KAFKA_MODE=external points at a cluster this lab must not touch, so it does not run there.%n"
                    + "Run it on the embedded backend: KAFKA_MODE=embedded %s%n", labName, spec.brokers(),
                    spec.brokerProperties().isEmpty() ? "" : ", broker settings " + spec.brokerProperties(),
                    labCommand(labName));
            System.exit(2);
        }
        System.exit(runOn(labName, out, () -> KafkaClusters.start(spec), true, lab));
    }

    /**
     * Runs {@code lab} on a cluster that {@code cluster} starts for it (e.g. the secure broker of
     * {@code dev.kafkacourse.support.security}), closed afterwards. Such a cluster always runs in this JVM, whatever
     * {@code KAFKA_MODE} says.
     */
    public static void runOnCluster(String labName, java.util.function.Supplier<? extends KafkaCluster> cluster,
            Lab lab) {
        System.exit(runOn(labName, System.out, cluster::get, true, lab));
    }

    /** "session03 unclean-election" → "./course lab 03 unclean-election". */
    static String labCommand(String labName) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("session(\\d\\d) (\\S+)").matcher(labName);
        return name.matches() ? "./course lab " + name.group(1) + " " + name.group(2) : "./course lab NN <lab>";
    }

    private static int runOn(String labName, PrintStream out, java.util.function.Supplier<KafkaCluster> clusters,
            boolean owned, Lab lab) {
        KafkaCluster cluster = null;
        MetricsEndpoint metrics = null;
        try {
            // ./course monitoring up: the lab's clients and in-JVM brokers on a Prometheus endpoint.
            java.util.Optional<Integer> metricsPort = MetricsEndpoint.requestedPort();
            if (metricsPort.isPresent()) {
                metrics = MetricsEndpoint.startShared(metricsPort.get());
                out.printf("Metrics for Prometheus: %s%n", metrics.url());
            }
            long start = System.nanoTime();
            cluster = clusters.get();
            long readyMillis = (System.nanoTime() - start) / 1_000_000;
            try (KafkaFixture kafka = KafkaFixture.on(cluster, labName)) {
                out.printf("== %s == (%s, ready in %d ms)%n%n", labName, cluster.describe(), readyMillis);
                lab.run(kafka, out);
            }
            return 0;
        } catch (KafkaSettingsException e) {
            out.println("Kafka setting problem: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            out.println("Lab failed: " + e);
            e.printStackTrace(out);
            return 1;
        } finally {
            if (metrics != null) {
                MetricsEndpoint.closeShared();
            }
            if (owned && cluster != null) {
                cluster.close();
            }
            KafkaClusters.closeShared();
        }
    }
}
