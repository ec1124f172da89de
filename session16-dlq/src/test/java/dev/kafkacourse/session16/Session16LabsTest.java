package dev.kafkacourse.session16;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session16LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void everyPoisonPillIsDeadLetteredOnceWithAllHeadersAndEveryGoodRecordCounted(KafkaFixture kafka) {
        PoisonPillLab.Result result = PoisonPillLab.run(kafka, out, 1_000);

        assertThat(result.deadLetters()).extracting(DeadLetter::origin).doesNotHaveDuplicates().hasSize(result.bad());
        assertThat(result.processed()).isEqualTo(result.good());
        assertThat(result.deadLettered()).isEqualTo(result.bad());
        assertThat(result.committed()).isEqualTo(result.ends()).hasSize(PoisonPillLab.PARTITIONS);
        assertThat(result.byReason()).containsKeys(FailureKind.MALFORMED_JSON, FailureKind.SCHEMA_VIOLATION,
                FailureKind.BUSINESS_RULE);
        assertThat(result.deadLetters()).allSatisfy(letter -> {
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.consumerGroup()).contains("ad-stats");
            assertThat(letter.exceptionClass()).isEqualTo(InvalidEventException.class.getName());
        });
        assertThat(result.deadLetters()).anySatisfy(letter -> assertThat(letter.message()).contains("negative cost"))
                .anySatisfy(letter -> assertThat(letter.message()).contains("unknown campaign c-404"));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains(DeadLetters.HEADERS.toArray(String[]::new));
    }

    @Test
    void blockingAndNonBlockingRetriesCountEveryEventAndDeadLetterOnlyWhatCannotPass(KafkaFixture kafka)
            throws Exception {
        RetryLab.Result result = RetryLab.run(kafka, out);

        for (RetryLab.Run run : java.util.List.of(result.blocking(), result.nonBlocking())) {
            assertThat(run.accepted()).as(run.name()).isEqualTo(run.expectedAccepted());
            assertThat(run.deadLetters()).as(run.name()).hasSize((int) run.expectedDeadLetters())
                    .extracting(DeadLetter::origin).doesNotHaveDuplicates();
            assertThat(run.deadLetters()).allSatisfy(letter -> assertThat(letter.originalTopic())
                    .isEqualTo(run.sourceTopic()));
            assertThat(run.deadLetters()).filteredOn(l -> l.reason() != FailureKind.RETRIES_EXHAUSTED)
                    .isNotEmpty().allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(1));
        }
        assertThat(result.blocking().deadLetters()).filteredOn(l -> l.reason() == FailureKind.RETRIES_EXHAUSTED)
                .isNotEmpty().allSatisfy(letter -> {
                    assertThat(letter.attempts()).isEqualTo(RetryLab.MAX_ATTEMPTS);
                    assertThat(letter.exceptionClass()).isEqualTo(TransientSinkException.class.getName());
                });
        assertThat(result.nonBlocking().deadLetters()).filteredOn(l -> l.reason() == FailureKind.RETRIES_EXHAUSTED)
                .isNotEmpty().allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(3));
    }

    @Test
    void replayingTheFixedDeadLettersCountsThemOnceHoweverOftenItRuns(KafkaFixture kafka) {
        ReplayLab.Result result = ReplayLab.run(kafka, out);

        assertThat(result.unknownCampaignLetters()).isPositive();
        assertThat(result.first().replayed()).isEqualTo(result.unknownCampaignLetters());
        assertThat(result.second().replayed()).isZero();
        assertThat(result.second().alreadyReplayed()).isEqualTo(result.unknownCampaignLetters());
        assertThat(result.processedAfterFix()).isEqualTo(result.unknownCampaignLetters());
        assertThat(result.replayedCampaign().impressions() + result.replayedCampaign().clicks())
                .isEqualTo(result.unknownCampaignLetters());
        assertThat(result.deadLettersAfter()).isEqualTo(result.deadLettersBefore());
    }

    @Test
    void springsErrorHandlerRetriesInPlaceAndWritesThePipelinesDeadLetterHeaders(KafkaFixture kafka) throws Exception {
        SpringRetryLab.Result result = SpringRetryLab.run(kafka, out);

        assertThat(result.accepted()).isEqualTo(result.expectedAccepted());
        assertThat(result.deadLetters()).hasSize((int) result.expectedDeadLetters())
                .extracting(DeadLetter::origin).doesNotHaveDuplicates();
        assertThat(result.deadLetters()).allSatisfy(l -> assertThat(l.originalTopic()).isEqualTo(result.sourceTopic()));
        assertThat(result.deadLetters()).filteredOn(l -> l.reason() == FailureKind.RETRIES_EXHAUSTED).isNotEmpty()
                .allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(RetryLab.MAX_ATTEMPTS));
        assertThat(result.deadLetters()).filteredOn(l -> l.reason() != FailureKind.RETRIES_EXHAUSTED).isNotEmpty()
                .allSatisfy(letter -> assertThat(letter.attempts()).isEqualTo(1));
    }
}
