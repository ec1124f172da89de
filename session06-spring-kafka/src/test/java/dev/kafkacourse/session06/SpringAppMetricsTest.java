package dev.kafkacourse.session06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With the course's metrics endpoint running (what {@code COURSE_METRICS_PORT} makes LabRunner do), the Spring app's
 * producer and consumer publish their Kafka client metrics through spring-kafka's Micrometer listeners, which Boot's
 * Kafka metrics auto-configuration adds once the endpoint's registry is the context's {@code MeterRegistry}.
 */
@KafkaTest
class SpringAppMetricsTest {

    private static final String SENT = "kafka_producer_record_send_total";
    private static final String CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";

    @Test
    void theAppsProducerAndConsumerMetricsAreScrapedFromTheCourseEndpoint(KafkaFixture kafka) {
        List<AdEvent> events = AdEventGenerator.builder().seed(61).impressions(300).campaigns(3).build().generate()
                .distinctEvents();
        MetricsEndpoint endpoint = MetricsEndpoint.startShared(0);
        try (ConfigurableApplicationContext app = AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", kafka.topicName("ad-events"),
                "adstats.groups.stats", kafka.groupId("ad-stats")))) {
            assertThat(app.getBean(CourseMetrics.REGISTRY_BEAN)).isSameAs(endpoint.registry());
            app.getBean(AdEventPublisher.class).publishAll(events);
            CampaignStatsListener listener = app.getBean(CampaignStatsListener.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> listener.received() >= events.size());

            // Scraped over HTTP as Prometheus does. Only meters tagged spring_id count: they come from spring-kafka's
            // listeners, not from the clients' JMX MBeans (which carry the same metric names).
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                String text = scrape(endpoint);
                assertThat(springTotal(text, SENT)).as(SENT).isGreaterThanOrEqualTo(events.size());
                assertThat(springTotal(text, CONSUMED)).as(CONSUMED).isGreaterThanOrEqualTo(events.size());
            });
        } finally {
            MetricsEndpoint.closeShared();
        }
    }

    private static String scrape(MetricsEndpoint endpoint) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of {@code metric} whose labels include spring-kafka's {@code spring_id}. */
    private static double springTotal(String scrape, String metric) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") && line.contains("spring_id=\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
