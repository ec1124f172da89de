package dev.kafkacourse.session15;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaMode;
import org.junit.jupiter.api.Assumptions;

/**
 * One target cluster B and one MirrorMaker 2 (A = the JVM's shared cluster -> B) for every test of this JVM that
 * needs a mirror: starting MirrorMaker 2 takes 10-20 s, so the lab test and the exercise test share it, each with
 * its own topics and groups. Stopped when the JVM exits.
 */
final class SharedMirror {

    private static KafkaCluster target;
    private static TwoClusterMirror mirror;

    private SharedMirror() {
    }

    static synchronized KafkaCluster target() {
        start();
        return target;
    }

    static synchronized TwoClusterMirror mirror() {
        start();
        return mirror;
    }

    /** Stops MirrorMaker 2 and cluster B; the next test that needs them starts them again. */
    static synchronized void stop() {
        long started = System.nanoTime();
        if (mirror != null) {
            mirror.close();
            target.close();
            mirror = null;
            target = null;
            System.out.printf("SharedMirror: stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static void start() {
        Assumptions.assumeTrue(KafkaMode.resolve() != KafkaMode.EXTERNAL,
                "Skipped on an external cluster: this lesson starts a second cluster and MirrorMaker 2 in this JVM.");
        if (mirror == null) {
            KafkaCluster source = KafkaClusters.shared();
            long started = System.nanoTime();
            target = KafkaClusters.start(ClusterSpec.singleBroker());
            mirror = TwoClusterMirror.start(source.bootstrapServers(), target.bootstrapServers(),
                    MirrorLab.MIRRORED_TOPICS);
            System.out.printf("SharedMirror: cluster B and MirrorMaker 2 started in %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            // Backstop only: the test classes call stop() in @AfterAll (a hook that stops MirrorMaker 2 while the
            // JVM exits held surefire's fork for 30 s).
            Runtime.getRuntime().addShutdownHook(new Thread(SharedMirror::stop, "shared-mirror-shutdown"));
        }
    }
}
