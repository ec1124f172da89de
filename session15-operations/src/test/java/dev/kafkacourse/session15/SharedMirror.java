package dev.kafkacourse.session15;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One target cluster B and one MirrorMaker 2 (A = the JVM's shared cluster -> B) for every test class of a test run
 * that needs a mirror: starting MirrorMaker 2 takes 10-20 s, so the lab test and the exercise test share it, each
 * with its own topics and groups. A test class asks for it with {@code @ExtendWith(SharedMirror.class)}.
 *
 * <p>It is kept in the store of JUnit's root context, which JUnit closes when the whole run is done: the mirror
 * lives as long as any class may need it and is stopped before the JVM exits (stopping MirrorMaker 2 from a
 * shutdown hook held surefire's fork for 30 s). A run of one class alone ({@code ./course check}, one variant of
 * {@code ./course verify-exercises}) starts and stops its own.
 */
final class SharedMirror implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedMirror.class);
    private static Running running;

    /** Cluster B and the mirror A -> B, stopped when JUnit closes the root store. */
    private record Running(KafkaCluster target, TwoClusterMirror mirror) implements AutoCloseable {
        @Override
        public void close() {
            long started = System.nanoTime();
            mirror.close();
            target.close();
            synchronized (SharedMirror.class) {
                running = null;
            }
            System.out.printf("SharedMirror: stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(KafkaMode.resolve() != KafkaMode.EXTERNAL,
                "Skipped on an external cluster: this lesson starts a second cluster and MirrorMaker 2 in this JVM.");
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static synchronized Running start() {
        KafkaCluster source = KafkaClusters.shared();
        long started = System.nanoTime();
        KafkaCluster target = KafkaClusters.start(ClusterSpec.singleBroker());
        TwoClusterMirror mirror = TwoClusterMirror.start(source.bootstrapServers(), target.bootstrapServers(),
                MirrorLab.MIRRORED_TOPICS);
        System.out.printf("SharedMirror: cluster B and MirrorMaker 2 started in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        running = new Running(target, mirror);
        return running;
    }

    static synchronized KafkaCluster target() {
        return require().target();
    }

    static synchronized TwoClusterMirror mirror() {
        return require().mirror();
    }

    private static Running require() {
        if (running == null) {
            throw new IllegalStateException("No shared mirror: annotate the test class with "
                    + "@ExtendWith(SharedMirror.class)");
        }
        return running;
    }
}
