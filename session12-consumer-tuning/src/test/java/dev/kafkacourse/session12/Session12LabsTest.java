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
        MultiThreadedLab.Result result = MultiThreadedLab.run(kafka, out, 250);

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

    @Test
    void eachCommitStrategyLosesOrRepeatsExactlyWhatItShouldAfterACrashMidBatch(KafkaFixture kafka) {
        CommitStrategiesLab.Result result = CommitStrategiesLab.run(kafka, out, 300);

        assertThat(result.runs()).extracting(CommitStrategiesLab.Run::strategy)
                .containsExactly(CommitStrategy.values());
        for (CommitStrategiesLab.Run run : result.runs()) {
            ProcessedLog.Accounting a = run.accounting();
            // Exact bookkeeping: every generated event is either lost or applied at least once.
            assertThat(a.generated()).isEqualTo(result.generated());
            assertThat(a.applied()).as(run.strategy() + " applications")
                    .isEqualTo(a.generated() - a.lost() + a.duplicates());
            switch (run.strategy()) {
                case AUTO_COMMIT -> {
                    assertThat(a.lost()).as("auto-commit, work done inside the poll loop: lost").isZero();
                    assertThat(a.duplicates()).as("auto-commit: applied again").isPositive();
                }
                case AUTO_COMMIT_HANDOFF -> assertThat(a.lost()).as("auto-commit ahead of the worker: lost")
                        .isPositive();
                case COMMIT_BEFORE_PROCESS -> {
                    assertThat(a.lost()).as("commit before process: lost").isPositive();
                    assertThat(a.duplicates()).as("commit before process: duplicates").isZero();
                }
                case COMMIT_AFTER_PROCESS -> {
                    assertThat(a.lost()).as("commit after process: lost").isZero();
                    assertThat(a.duplicates()).as("commit after process: duplicates").isPositive();
                }
                case IDEMPOTENT_SINK -> {
                    assertThat(a.lost()).as("idempotent sink: lost").isZero();
                    assertThat(a.duplicates()).as("idempotent sink: duplicates").isZero();
                    assertThat(run.skippedBySink()).as("deliveries the sink recognised").isPositive();
                }
                default -> throw new AssertionError(run.strategy());
            }
        }
    }

    @Test
    void processingSlowerThanMaxPollIntervalRepeatsRecordsUntilFewerRecordsOrPausingFixIt(KafkaFixture kafka) {
        PollIntervalLab.Result result = PollIntervalLab.run(kafka, out, 300);

        PollIntervalLab.Run tooSlow = result.runs().get(0);
        assertThat(tooSlow.variant()).isEqualTo(PollIntervalLab.Variant.TOO_SLOW);
        assertThat(tooSlow.commitFailures()).as("commits refused after the member was removed").isPositive();
        assertThat(tooSlow.accounting().duplicates()).as("records applied again").isPositive();
        for (PollIntervalLab.Run fixed : result.runs().subList(1, 3)) {
            assertThat(fixed.commitFailures()).as(fixed.variant() + " commit failures").isZero();
            assertThat(fixed.accounting().lost()).as(fixed.variant() + " lost").isZero();
            assertThat(fixed.accounting().duplicates()).as(fixed.variant() + " duplicates").isZero();
        }
    }

    @Test
    void lagFromTheClientsMetricsAndFromCommittedOffsetsBothReachZero(KafkaFixture kafka) {
        LagLab.Result result = LagLab.run(kafka, out, 600);

        assertThat(result.samples()).hasSizeGreaterThan(1);
        assertThat(result.samples().get(0).committedLag()).as("committed lag after the first poll").isPositive();
        assertThat(result.samples().get(0).recordsLagMax()).as("records-lag-max after the first poll").isPositive();
        assertThat(result.last().committedLag()).as("end - committed at the end").isZero();
        assertThat(result.last().recordsLagSum()).as("records-lag of every partition at the end").isZero();
    }

    @Test
    void theFetchBenchMeasuresEverySettingAndRunsKafkasOwnConsumerPerformanceOnTheSameTopic(KafkaFixture kafka) {
        FetchTuningBench.Result result = FetchTuningBench.run(kafka, out, 3_000, 300, true);

        assertThat(result.catchUps()).hasSize(FetchTuningBench.CATCH_UP_SETTINGS.size())
                .allSatisfy(c -> assertThat(c.records()).isEqualTo(result.backlog()));
        // A smaller max.partition.fetch.bytes needs more fetch requests for the same backlog: behaviour, not timing.
        FetchTuningBench.CatchUp small = result.catchUps().get(
                FetchTuningBench.CATCH_UP_SETTINGS.indexOf(FetchTuningBench.PARTITION_64K));
        FetchTuningBench.CatchUp big = result.catchUps().get(
                FetchTuningBench.CATCH_UP_SETTINGS.indexOf(FetchTuningBench.PARTITION_4M));
        assertThat(small.fetchRequests()).isGreaterThan(big.fetchRequests());
        assertThat(result.toolInThisJvm().records()).as("records ConsumerPerformance read").isEqualTo(result.backlog());
        assertThat(result.tails()).hasSize(3).allSatisfy(t -> assertThat(t.records()).isPositive());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("ConsumerPerformance", "fetch.nMsg.sec");
    }
}
