package dev.kafkacourse.session06;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts {@link AdStatsApplication} on a course fixture's cluster: what a lab's {@code main} and a test do instead of
 * hard-coding {@code localhost:9092}.
 */
public final class AdStatsApp {

    private AdStatsApp() {
    }

    /**
     * Runs the application with the fixture's bootstrap servers and client security settings, plus
     * {@code properties} (e.g. unique topic and group names); they win over application.yml. {@code extraComponents}
     * join the context (an exercise's listener, a lab's configuration). Returns once every partition of the events
     * topic has a leader. The caller closes the context.
     */
    public static ConfigurableApplicationContext start(KafkaFixture kafka, Map<String, ?> properties,
            Class<?>... extraComponents) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        // TLS/SASL settings of an external cluster (MSK) reach every client Boot builds through spring.kafka.properties.
        kafka.cluster().clientProperties().forEach((key, value) -> overrides.put("spring.kafka.properties." + key, value));
        overrides.putAll(properties);
        // The course's logback.xml is already in force (the broker may be logging in this JVM); Boot re-initialising
        // logback for every context would drop its appenders for a moment and print logback status warnings.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AdStatsApplication.class)
                .sources(extraComponents)
                // spring.main.* is bound before initializers run: set on the builder, not as a property.
                .logStartupInfo(false)
                // A property source added first outranks application.yml (builder.properties() would rank below it).
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("course-fixture", overrides)), new CourseMetrics())
                .run();
        // KafkaAdmin returns once the controller has created the topic, before the broker leads its partitions.
        // Sending at once meets NOT_LEADER_OR_FOLLOWER, and on the in-JVM broker the idempotent producer's retry of
        // its first batch can then be refused as out of sequence until delivery.timeout.ms (2 minutes) runs out.
        AdStatsProperties.Topics topics = app.getBean(AdStatsProperties.class).topics();
        try {
            Topics.awaitLeaders(kafka.admin(), topics.events(), topics.partitions());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }
}
