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

    private static void start() {
        Assumptions.assumeTrue(KafkaMode.resolve() != KafkaMode.EXTERNAL,
                "Skipped on an external cluster: this lesson starts a second cluster and MirrorMaker 2 in this JVM.");
        if (mirror == null) {
            KafkaCluster source = KafkaClusters.shared();
            target = KafkaClusters.start(ClusterSpec.singleBroker());
            mirror = TwoClusterMirror.start(source.bootstrapServers(), target.bootstrapServers(),
                    MirrorLab.MIRRORED_TOPICS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mirror.close();
                target.close();
            }, "shared-mirror-shutdown"));
        }
    }
}
