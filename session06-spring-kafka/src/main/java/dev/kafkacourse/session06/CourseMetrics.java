package dev.kafkacourse.session06;

import dev.kafkacourse.support.metrics.MetricsEndpoint;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Puts the app's Kafka client metrics on the course's Prometheus endpoint ({@code ./course monitoring up}, then run a
 * lab with {@code COURSE_METRICS_PORT} set): the shared {@link MetricsEndpoint}'s Micrometer registry becomes the
 * context's {@code MeterRegistry} bean. That bean is all Spring Boot waits for: its Kafka metrics auto-configuration
 * ({@code KafkaMetricsAutoConfiguration}) then adds spring-kafka's {@code MicrometerProducerListener} and
 * {@code MicrometerConsumerListener} to the producer and consumer factories Boot builds, so every producer and
 * consumer the app creates binds its metrics ({@code kafka_producer_*}, {@code kafka_consumer_*}, tagged
 * {@code spring_id}) and unbinds them when it closes. No actuator and no web server: the course's endpoint serves them.
 *
 * <p>Without a shared endpoint (tests, a run without monitoring) it does nothing.
 */
public final class CourseMetrics implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean name of the registry in the context. */
    public static final String REGISTRY_BEAN = "courseMeterRegistry";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MetricsEndpoint.shared().ifPresent(endpoint -> {
            // The clients' JMX MBeans carry the same names; Micrometer's meters replace them instead of doubling them.
            endpoint.clientMetricsFromMicrometer();
            context.getBeanFactory().registerSingleton(REGISTRY_BEAN, endpoint.registry());
        });
    }
}
