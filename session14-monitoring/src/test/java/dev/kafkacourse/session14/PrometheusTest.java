package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import dev.kafkacourse.support.metrics.PrometheusServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's prometheus as a child process, with the course's alert rules) scrapes the lab's
 * endpoint; PromQL for throughput, p99 latency, lag and under-replicated partitions returns the values the lab
 * produced, and every panel query of the Grafana dashboard returns data.
 */
@KafkaTest
class PrometheusTest {

    private static final int FIRST = 100;
    private static final int SECOND = 500;
    private static final int WHILE_PAUSED = 250;

    @Test
    void prometheusScrapesTheLabAndPromqlReturnsItsValues(KafkaFixture kafka, @TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent(),
                "prometheus is not installed: run " + PrometheusServer.INSTALLER);
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("ad-stats");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0).clientMetricsFromMicrometer();
                AdTraffic traffic = new AdTraffic(kafka, endpoint.registry(), topic, group);
                PrometheusServer prometheus = PrometheusServer.start(dir, freePort(),
                        List.of("127.0.0.1:" + endpoint.port()), Optional.of(RepoFiles.alertRules()),
                        Duration.ofSeconds(1))) {
            GroupLagGauges lag = new GroupLagGauges(kafka, group, endpoint.registry());
            String sent = "sum(kafka_producer_topic_record_send_total{topic=\"" + topic + "\"})";
            String consumed = "sum(kafka_consumer_fetch_manager_records_consumed_total{topic=\"" + topic + "\"})";

            // In two rounds, each seen by a scrape: rates over the window are then above zero.
            traffic.produce(FIRST);
            awaitValue(prometheus, sent, FIRST);
            awaitValue(prometheus, consumed, FIRST);
            traffic.produce(SECOND);
            awaitValue(prometheus, consumed, FIRST + SECOND);
            // Lag on purpose: the consumer pauses, 250 more arrive.
            traffic.pauseConsumer();
            traffic.produce(WHILE_PAUSED);
            assertThat(lag.refresh()).isEqualTo(WHILE_PAUSED);

            assertThat(prometheus.targets()).anySatisfy(target -> {
                assertThat(target.path("labels").path("job").asString()).isEqualTo("ad-stats");
                assertThat(target.path("health").asString()).isEqualTo("up");
            });
            awaitValue(prometheus, sent, FIRST + SECOND + WHILE_PAUSED);
            awaitValue(prometheus, consumed, FIRST + SECOND);
            awaitValue(prometheus, "sum(kafka_consumergroup_lag{group=\"" + group + "\"})", WHILE_PAUSED);
            assertThat(prometheus.value("sum(rate(kafka_producer_topic_record_send_total{topic=\"" + topic
                    + "\"}[1m]))")).hasValueSatisfying(rate -> assertThat(rate).isPositive());
            // p99 from the histogram's buckets: above zero and no more than the bucket above the slowest record.
            double maxSeconds = traffic.latency().max(java.util.concurrent.TimeUnit.SECONDS);
            Optional<Double> p99 = prometheus.value("histogram_quantile(0.99, sum by (le) (rate("
                    + "adstats_e2e_latency_seconds_bucket{topic=\"" + topic + "\"}[1m])))");
            assertThat(p99).hasValueSatisfying(value -> assertThat(value).isPositive()
                    .isLessThanOrEqualTo(Math.max(maxSeconds * 1.5, 0.01)));
            if (KafkaMode.resolve() == KafkaMode.EMBEDDED) {
                // The broker runs in this JVM: its JMX metrics are on the same endpoint.
                awaitValue(prometheus, "sum(kafka_server_replicamanager_underreplicatedpartitions)", 0);
                awaitValue(prometheus, "sum(kafka_controller_kafkacontroller_offlinepartitionscount)", 0);
            }

            // Every panel of the dashboard: its PromQL parses and returns data.
            List<String> empty = new ArrayList<>();
            boolean brokerInJvm = KafkaMode.resolve() == KafkaMode.EMBEDDED;
            for (Dashboard.Query query : Dashboard.load().queries()) {
                if (!brokerInJvm && query.brokerMetric()) {
                    continue; // other backends' brokers are scraped by their own exporters (MSK: open monitoring)
                }
                JsonNode result = prometheus.query(query.expr());
                if (result.isEmpty()) {
                    empty.add(query.panel() + ": " + query.expr());
                }
            }
            assertThat(empty).as("dashboard queries without data").isEmpty();

            // The alert rules are loaded and healthy.
            assertThat(prometheus.rules()).anySatisfy(ruleGroup -> {
                assertThat(ruleGroup.path("name").asString()).isEqualTo("kafka-course");
                assertThat(ruleGroup.path("rules")).hasSize(3)
                        .allSatisfy(rule -> assertThat(rule.path("health").asString()).isIn("ok", "unknown"));
            });
        }
    }

    private static void awaitValue(PrometheusServer prometheus, String promql, double expected) {
        ConditionFactory await = Awaitility.await(promql + " == " + expected).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250));
        await.untilAsserted(() -> assertThat(prometheus.value(promql)).as(promql).contains(expected));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
