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
 * for broker settings gives the class a fresh cluster of its own, closed after its last test.
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
}
