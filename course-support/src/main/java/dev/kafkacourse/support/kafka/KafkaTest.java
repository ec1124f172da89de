package dev.kafkacourse.support.kafka;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that talks to a real Kafka cluster. Test methods take a {@link KafkaFixture} (and, if they want,
 * the {@link KafkaCluster}) as parameters.
 *
 * <p>With the defaults, the class runs on the JVM's shared single-broker cluster. Asking for more brokers or
 * for broker settings gives the class a fresh cluster of its own, closed after its last test, or, with
 * {@link #sharedAcrossClasses()}, one shared with the other classes that ask for the same shape.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaExtension.class)
@Tag("kafka")
public @interface KafkaTest {

    /** Number of brokers; more than 1 starts a dedicated cluster (with a separate controller). */
    int brokers() default 1;

    /** Broker settings as {@code key=value}; any setting starts a dedicated cluster. */
    String[] brokerProperties() default {};

    /** The class stops or restarts brokers: skipped (with the reason) where the backend cannot. */
    boolean needsBrokerControl() default false;

    /**
     * With more brokers or broker settings: one cluster of exactly this shape for every test class of the run that
     * asks for the same shape with this flag, started by the first class and closed when the run ends (a 3-broker
     * cluster takes 10 s or more to start and stop). Each class must leave the cluster as it found it. Classes that
     * stop brokers also share a {@code @ResourceLock}, so that they never run side by side on it.
     */
    boolean sharedAcrossClasses() default false;
}
