package dev.kafkacourse.session15;

import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One 3-broker cluster ({@link RollingRestartLab#CLUSTER}) for every test class of a test run that restarts brokers
 * one at a time: the rolling-restart lab test and the exercise test. Starting and closing a 3-broker cluster costs
 * 10 s or more, and the two classes need the same one; each uses topics and groups of its own and leaves every
 * partition in sync. The classes also hold the {@link #LOCK} resource lock, so they never restart brokers at the
 * same time when test classes run in parallel.
 *
 * <p>Test methods take a {@link KafkaFixture} (one per method, closed after it) or the {@link KafkaCluster}, as with
 * {@code @KafkaTest}. The cluster is kept in the store of JUnit's root context, closed when the whole run is done; a
 * run of one class alone ({@code ./course check}, one variant of {@code ./course verify-exercises}) starts its own.
 * Skipped on an external cluster, as {@code @KafkaTest(needsBrokerControl = true)} is.
 */
final class SharedThreeBrokers implements BeforeAllCallback, ParameterResolver {

    /** The resource lock of the classes that stop and start this cluster's brokers. */
    static final String LOCK = "session15-three-broker-cluster";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedThreeBrokers.class);

    private record ClusterHolder(KafkaCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    private record FixtureHolder(KafkaFixture fixture) implements AutoCloseable {
        @Override
        public void close() {
            fixture.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(KafkaMode.resolve() != KafkaMode.EXTERNAL,
                "Skipped on an external cluster: this lesson stops and restarts brokers, which only the embedded "
                        + "backend can do (run it with -Dkafka.mode=embedded).");
        KafkaCluster cluster = cluster(context);
        Assumptions.assumeTrue(cluster.supportsBrokerControl(), "Skipped: this lesson stops and restarts brokers,"
                + " which the " + cluster.mode().label() + " backend cannot do.");
    }

    private static KafkaCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(ClusterHolder.class,
                key -> new ClusterHolder(KafkaClusters.start(RollingRestartLab.CLUSTER)), ClusterHolder.class)
                .cluster();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == KafkaFixture.class || type == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        KafkaCluster cluster = cluster(context);
        if (parameterContext.getParameter().getType() == KafkaCluster.class) {
            return cluster;
        }
        String scope = context.getRequiredTestClass().getSimpleName().replace("Test", "") + "-"
                + context.getTestMethod().map(Method::getName).orElse("all");
        return context.getStore(NAMESPACE).computeIfAbsent(FixtureHolder.class,
                key -> new FixtureHolder(KafkaFixture.on(cluster, scope)), FixtureHolder.class).fixture();
    }
}
