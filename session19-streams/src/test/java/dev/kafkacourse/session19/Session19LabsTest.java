package dev.kafkacourse.session19;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them (the ad-stats lab: {@link AdStatsBrokerTest}). */
@KafkaTest
class Session19LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void everyKindOfWindowHoldsWhatTheGeneratorsEventsCallForAndNoGraceDropsTheLateOnes(KafkaFixture kafka)
            throws Exception {
        WindowsLab.Result result = WindowsLab.run(kafka, out);

        for (String kind : java.util.List.of(WindowKinds.TUMBLING, WindowKinds.TUMBLING_NO_GRACE, WindowKinds.HOPPING,
                WindowKinds.SESSION)) {
            assertThat(result.actual().get(kind)).as(kind).isEqualTo(result.expected().get(kind));
        }
        assertThat(WindowsLab.endingAtAnEvent(result.actual().get(WindowKinds.SLIDING),
                result.expected().get(WindowKinds.SLIDING))).isEqualTo(result.expected().get(WindowKinds.SLIDING));
        assertThat(result.droppedWithoutGrace()).isPositive();
        long events = result.traffic().distinctEvents().size();
        assertThat(result.actual().get(WindowKinds.HOPPING).values().stream().mapToLong(Long::longValue).sum())
                .as("each event is in two hopping windows").isEqualTo(2 * events);
        assertThat(result.actual().get(WindowKinds.SESSION).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(events);
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("NO");
    }

    @Test
    void serverMetricsGivesTheMeanOfEverySampleWindowAndAlertsOnlyAboveTheThreshold(KafkaFixture kafka) {
        ServerMetricsLab.Result result = ServerMetricsLab.run(kafka, out);

        assertThat(result.repartitioned()).isTrue();
        assertThat(result.averages().keySet()).isEqualTo(result.expectedAverages().keySet());
        result.averages().forEach((key, average) ->
                assertThat(ServerMetricsLab.near(average, result.expectedAverages().get(key))).as(key).isTrue());
        assertThat(result.alerts()).hasSize(result.expectedAlerts().size()).isNotEmpty()
                .allSatisfy(alert -> assertThat(alert.host()).isEqualTo(HostMetricsGenerator.HOT_HOST));
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("NO");
    }

    @Test
    void describeDrawsEachTopologyAndShowsWhereRepartitionTopicsComeFrom(KafkaFixture kafka) {
        DescribeLab.Result result = DescribeLab.run(kafka, out);

        assertThat(result.shapes().get("ad-stats").subtopologies()).isEqualTo(1);
        assertThat(result.shapes().get("ad-stats").repartitionTopics()).isEmpty();
        assertThat(result.shapes().get("server-metrics").repartitionTopics()).containsExactly("by-host-metric-repartition");
        assertThat(result.shapes().get("server-metrics").subtopologies()).isEqualTo(2);
        assertThat(result.shapes().get("groupByKey").repartitionTopics()).isEmpty();
        assertThat(result.shapes().get("groupBy").repartitionTopics()).hasSize(1);
        assertThat(result.shapes().get("groupBy").subtopologies()).isEqualTo(2);
        String mermaid = result.shapes().get("server-metrics").mermaid();
        assertThat(mermaid).startsWith("flowchart LR").contains("subgraph sub0").contains("subgraph sub1")
                .contains("t_by_host_metric_repartition[/\"by-host-metric-repartition\"/]")
                .contains("style t_by_host_metric_repartition")
                .contains("s_metric_means[(\"metric-means\")]");
        assertThat(result.shapes().get("ad-stats").mermaid()).contains("t_ad_events --> p_ad_events_source")
                .contains("p_ad_stats_sink --> t_ad_stats_1m").contains("p_dedupe_by_event_id -.- s_seen_event_ids");
    }
}
