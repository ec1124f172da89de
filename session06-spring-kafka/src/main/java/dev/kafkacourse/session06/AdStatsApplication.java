package dev.kafkacourse.session06;

import dev.kafkacourse.support.metrics.MetricsEndpoint;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The ad-stats Spring Boot app: publishes ad events with {@link AdEventPublisher} (Boot's default
 * {@code KafkaTemplate}) and counts them per campaign with {@link CampaignStatsListener} (a {@code @KafkaListener} on
 * Boot's default container factory). {@link CustomContainerConfig} and {@link ConfirmedSenderConfig} add the custom
 * shapes beside them.
 *
 * <p>Component scanning picks up the classes annotated {@code @Component} or {@code @Configuration} in this package.
 * The exercises' listener and the labs' extra listeners carry no such annotation: a test or lab adds them to the
 * context explicitly ({@link AdStatsApp#start}), so an unfinished exercise never runs inside another lesson.
 *
 * <p>Run it on its own against any cluster: {@code KAFKA_BOOTSTRAP_SERVERS=host:9092 java ... AdStatsApplication}.
 */
@SpringBootApplication
@EnableConfigurationProperties(AdStatsProperties.class)
public class AdStatsApplication {

    public static void main(String[] args) {
        // COURSE_METRICS_PORT set (./course monitoring up): the same Prometheus endpoint the labs serve.
        MetricsEndpoint.requestedPort().ifPresent(MetricsEndpoint::startShared);
        SpringApplication app = new SpringApplication(AdStatsApplication.class);
        app.addInitializers(new CourseMetrics());
        app.run(args);
    }
}
