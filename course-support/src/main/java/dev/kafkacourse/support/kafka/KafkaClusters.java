package dev.kafkacourse.support.kafka;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts clusters on the selected backend. {@link #shared()} is the one single-broker cluster of this JVM: every
 * test class and lab that needs nothing special uses it, so a broker starts once per test run.
 */
public final class KafkaClusters {

    private static final Logger log = LoggerFactory.getLogger(KafkaClusters.class);
    private static KafkaCluster shared;
    private static Duration sharedStartTime;

    private KafkaClusters() {
    }

    /** The shared cluster of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaCluster shared() {
        if (shared == null) {
            long start = System.nanoTime();
            KafkaCluster cluster = start(KafkaMode.resolve(), ClusterSpec.singleBroker());
            sharedStartTime = Duration.ofNanos(System.nanoTime() - start);
            log.debug("Kafka ready in {} ms: {}", sharedStartTime.toMillis(), cluster.describe());
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaClusters::closeShared, "kafka-course-shutdown"));
            shared = cluster;
        }
        return shared;
    }

    /** How long {@link #shared()} took to start (or connect), or null if it has not been started. */
    public static synchronized Duration sharedStartTime() {
        return sharedStartTime;
    }

    /** Stops the shared cluster now (a lab's end) instead of at JVM exit. */
    public static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** A new cluster of its own, for lessons that stop brokers or change broker settings. The caller closes it. */
    public static KafkaCluster start(ClusterSpec spec) {
        return start(KafkaMode.resolve(), spec);
    }

    static KafkaCluster start(KafkaMode mode, ClusterSpec spec) {
        return switch (mode) {
            case EMBEDDED -> EmbeddedKafkaCluster.start(spec);
            // Multi-broker lessons stop and restart brokers: only the embedded backend can, so they run there.
            case TESTCONTAINERS -> spec.brokers() == 1
                    ? ContainerKafkaCluster.start(spec)
                    : EmbeddedKafkaCluster.start(spec);
            case EXTERNAL -> ExternalKafkaCluster.connect();
        };
    }
}
