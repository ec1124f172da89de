package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session14LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void aLagSpikeIsSeenByAllThreeMethodsAndDrainsToZero(KafkaFixture kafka) throws Exception {
        LagSpikeLab.Result result = LagSpikeLab.run(kafka, out);

        // Method 1: the Admin client's committed-vs-end lag is what kafka-consumer-groups says, at every step.
        assertThat(result.steps()).allSatisfy(step -> {
            assertThat(step.adminLag()).isEqualTo(String.valueOf(step.toolLag()));
            assertThat(step.toolLag()).isEqualTo(step.endOffsets() - step.committed());
        });
        LagSpikeLab.Step peak = result.peak();
        assertThat(peak.toolLag()).isEqualTo(LagSpikeLab.PARTITIONS * LagSpikeLab.SPIKES * 150);
        // Method 2: the consumer's records-lag sees the spike too, measured a little ahead at its fetch position.
        assertThat(peak.recordsLag()).isPositive().isLessThanOrEqualTo(peak.toolLag());
        // Method 3: Burrow warns while the lag only grows, and is OK once it is back at zero.
        assertThat(peak.burrow()).as(output.toString(StandardCharsets.UTF_8)).startsWith("WARN");
        assertThat(result.last().toolLag()).isZero();
        assertThat(result.last().burrow()).isEqualTo("OK");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("spike 3", "catch-up 1");
    }

    @Test
    void theLiveViewShowsThroughputLatencyAndLagEverySecond(KafkaFixture kafka) throws Exception {
        LiveViewLab.Result result = LiveViewLab.run(kafka, out, 3, 600);

        assertThat(result.rows()).hasSize(3);
        assertThat(result.rows().get(0).producedPerSecond()).isEqualTo(600);
        assertThat(result.sent()).isEqualTo(1_200);
        assertThat(result.consumed()).isEqualTo(result.sent());
        assertThat(result.finalLag()).isZero();
        assertThat(result.rows()).anySatisfy(row -> assertThat(row.p99Millis()).isPositive());
        // The consumer was paused in the second second: the group lag shows what it did not read.
        assertThat(result.rows().get(1).groupLag()).isPositive();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("produced/s", "records-lag-max", "Burrow",
                "/metrics");
    }
}
