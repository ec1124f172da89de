package dev.kafkacourse.support.kafka;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Backs {@link KafkaTest}: picks the cluster for a test class (the shared one, or a dedicated one that is closed
 * after the class) and gives each test method its own {@link KafkaFixture}, closed after the method.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String CLUSTER = "cluster";
    private static final String FIXTURE = "fixture";

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaTest settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), KafkaTest.class)
                .orElseThrow(() -> new IllegalStateException("KafkaExtension needs @KafkaTest on the class"));
        ClusterSpec spec = ClusterSpec.of(settings.brokers(), settings.brokerProperties());
        KafkaMode mode = KafkaMode.resolve();
        boolean dedicated = spec.brokers() > 1 || !spec.brokerProperties().isEmpty();
        if (mode == KafkaMode.EXTERNAL) {
            Assumptions.assumeFalse(settings.needsBrokerControl(),
                    "Skipped on an external cluster: this lesson stops and restarts brokers, which only the "
                            + "embedded backend can do (run it with -Dkafka.mode=embedded).");
            Assumptions.assumeTrue(spec.brokerProperties().isEmpty(),
                    "Skipped on an external cluster: this lesson needs broker settings " + spec.brokerProperties()
                            + " that an external cluster cannot be given from here.");
            KafkaCluster external = KafkaClusters.shared();
            Assumptions.assumeTrue(external.brokerCount() >= spec.brokers(), "Skipped: this lesson needs "
                    + spec.brokers() + " brokers, the external cluster has " + external.brokerCount() + ".");
            dedicated = false;
        }
        KafkaCluster cluster = dedicated ? KafkaClusters.start(spec) : KafkaClusters.shared();
        // JUnit closes AutoCloseable store values when the class is done: only a dedicated cluster may be closed.
        context.getStore(NAMESPACE).put(CLUSTER, new ClusterHolder(cluster, dedicated));
        if (settings.needsBrokerControl()) {
            Assumptions.assumeTrue(cluster.supportsBrokerControl(),
                    "Skipped: this lesson stops and restarts brokers, which the " + cluster.mode().label()
                            + " backend cannot do.");
        }
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
        return context.getStore(NAMESPACE).computeIfAbsent(FIXTURE,
                key -> new FixtureHolder(KafkaFixture.on(cluster, scope(context))), FixtureHolder.class).fixture();
    }

    private static KafkaCluster cluster(ExtensionContext context) {
        ClusterHolder holder = context.getStore(NAMESPACE).get(CLUSTER, ClusterHolder.class);
        if (holder == null) {
            throw new IllegalStateException("No Kafka cluster for " + context.getDisplayName());
        }
        return holder.cluster();
    }

    private static String scope(ExtensionContext context) {
        String testClass = context.getRequiredTestClass().getSimpleName().replace("Test", "");
        String method = context.getTestMethod().map(Method::getName).orElse("all");
        return testClass + "-" + method;
    }

    /** The class's cluster; closed with the class only if the class owns it. */
    private record ClusterHolder(KafkaCluster cluster, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                cluster.close();
            }
        }
    }

    /** A test method's fixture, closed when the method is done. */
    private record FixtureHolder(KafkaFixture fixture) implements AutoCloseable {
        @Override
        public void close() {
            fixture.close();
        }
    }
}
