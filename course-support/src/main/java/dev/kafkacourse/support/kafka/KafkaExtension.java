package dev.kafkacourse.support.kafka;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Backs {@link KafkaTest}: picks the cluster for a test class (the shared one, a dedicated one that is closed
 * after the class, or one shared by the classes that ask for the same shape) and gives each test method its own
 * {@link KafkaFixture}, closed after the method.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String CLUSTER = "cluster";
    private static final String FIXTURE = "fixture";
    private static final String SHARED_CLUSTER = "shared cluster";

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
        // JUnit closes AutoCloseable store values when their context is done: a class closes only a cluster it
        // owns; a cluster shared across classes lives in the root context's store and is closed when the run ends.
        ClusterHolder holder;
        if (!dedicated) {
            holder = new ClusterHolder(KafkaClusters.shared(), false);
        } else if (settings.sharedAcrossClasses()) {
            KafkaCluster shared = context.getRoot().getStore(NAMESPACE).computeIfAbsent(List.of(SHARED_CLUSTER, spec),
                    key -> new ClusterHolder(KafkaClusters.start(spec), true), ClusterHolder.class).cluster();
            holder = new ClusterHolder(shared, false);
        } else {
            holder = new ClusterHolder(KafkaClusters.start(spec), true);
        }
        context.getStore(NAMESPACE).put(CLUSTER, holder);
        KafkaCluster cluster = holder.cluster();
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
