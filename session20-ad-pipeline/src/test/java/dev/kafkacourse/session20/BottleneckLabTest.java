package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bottleneck lab as a learner runs it: in every case the limited configuration shows the symptom in the named
 * metric and the fixed one does better by it. Only counts and sizes are judged, never a duration, so a busy
 * machine cannot flip the verdict.
 */
@KafkaTest
class BottleneckLabTest {

    @Test
    void everyLimitedConfigurationShowsItsSymptomInItsMetricAndTheFixDoesBetter(KafkaFixture kafka) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        BottleneckLab.Result result = BottleneckLab.run(kafka, new PrintStream(output, true, StandardCharsets.UTF_8),
                List.of(BottleneckLab.Case.values()), true);

        assertThat(result.cases()).hasSize(BottleneckLab.Case.values().length)
                .allSatisfy(c -> assertThat(c.fixedIsBetter()).as(c.bottleneck().id() + ": " + c.bottleneck().metric()
                        + " " + c.limitedValue() + " → " + c.fixedValue()).isTrue());

        BottleneckLab.CaseResult partitions = result.cases().get(0);
        assertThat(partitions.limitedValue()).as("one partition: one task, one of two threads idles").isEqualTo(1);
        assertThat(partitions.fixedValue()).as("four partitions: both threads work").isEqualTo(2);

        BottleneckLab.CaseResult commits = result.cases().get(1);
        assertThat(commits.limited().metric("commit-total")).isGreaterThan(commits.fixed().metric("commit-total"));

        BottleneckLab.CaseResult serde = result.cases().get(2);
        assertThat(serde.fixedValue()).as("three longs").isEqualTo(24);
        assertThat(serde.limitedValue()).as("the same three numbers as JSON").isGreaterThan(24);

        BottleneckLab.CaseResult sink = result.cases().get(3);
        assertThat(sink.limitedValue()).as("one record per request when each ack is awaited").isEqualTo(1.0);
        assertThat(sink.fixedValue()).isGreaterThan(1.0);
        for (BottleneckLab.CaseResult c : result.cases()) {
            assertThat(c.limited().records()).isEqualTo(c.fixed().records()).isPositive();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("the fix shows in the metric")
                .doesNotContain("NO difference");
    }
}
