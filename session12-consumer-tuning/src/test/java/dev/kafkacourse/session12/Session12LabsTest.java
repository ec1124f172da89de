package dev.kafkacourse.session12;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. Behaviour only: no timing asserts. */
@KafkaTest
class Session12LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void everyMultiThreadedDesignAppliesEachEventOnceAndThePoolSurvivesARebalance(KafkaFixture kafka) {
        MultiThreadedLab.Result result = MultiThreadedLab.run(kafka, out, 300);

        assertThat(result.designs()).hasSize(3).allSatisfy(design -> {
            assertThat(design.accounting().lost()).as(design.name() + " lost").isZero();
            assertThat(design.accounting().duplicates()).as(design.name() + " duplicates").isZero();
            assertThat(design.accounting().keyOrderBreaks()).as(design.name() + " key order").isZero();
        });
        assertThat(result.revocations()).as("the first pool gave up partitions in the rebalance").isPositive();
        assertThat(result.rebalanceRun().lost()).isZero();
        assertThat(result.rebalanceRun().duplicates()).isZero();
        assertThat(result.rebalanceRun().keyOrderBreaks()).isZero();
        assertThat(result.committedAfterRebalanceRun()).isEqualTo(result.endOffsets());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("worker pool", "thread-per-consumer");
    }
}
