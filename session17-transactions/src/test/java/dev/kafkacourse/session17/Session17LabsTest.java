package dev.kafkacourse.session17;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session17LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void theJobKilledWithSigkillAtThreePointsStillCountsEveryEventExactlyOnce(KafkaFixture kafka) throws Exception {
        CrashRestartLab.Result result = CrashRestartLab.run(kafka, out, 400);
        System.out.println(output.toString(StandardCharsets.UTF_8));

        assertThat(result.incarnations()).hasSize(4);
        // The first three were killed by signal 9 at their crash point; the last one ended by itself.
        assertThat(result.incarnations().subList(0, 3)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(137);
            assertThat(run.lines()).anyMatch(line -> line.equals("CRASH-POINT " + run.crashAt()));
        });
        assertThat(result.incarnations().get(3).exitCode()).isZero();
        // Each crash run got as far as its crash point: after-commit:3 committed 3, the others 1 before crashing.
        assertThat(result.incarnations().get(0).lines()).filteredOn(line -> line.startsWith("COMMITTED")).hasSize(3);
        assertThat(result.incarnations().get(1).lines()).filteredOn(line -> line.startsWith("COMMITTED")).hasSize(1);
        assertThat(result.incarnations().get(2).lines()).filteredOn(line -> line.startsWith("COMMITTED")).hasSize(1);

        // While the transaction was open, its records were in the log: read_uncommitted saw more.
        assertThat(result.uncommittedEventsSeenAtAfterSend()).isGreaterThan(result.committedEventsSeenAtAfterSend());
        // Exactly once: the committed output is the generator's exact count, nothing lost, nothing twice.
        assertThat(result.committed()).isEqualTo(result.expected());
        assertThat(result.deadLetters()).isEqualTo(result.malformedSent()).isPositive();
        assertThat(result.auditedRecords()).isEqualTo(result.recordsSent());
        assertThat(result.groupOffsets()).hasSize(3).isEqualTo(result.inputEnds());
        // The killed transactions' records are still in the log, aborted: read_uncommitted counts them again.
        assertThat(TopicReader.events(result.uncommitted())).isGreaterThan(TopicReader.events(result.expected()));
    }

    @Test
    void aTransactionWritesToSeveralPartitionsAndTopicsAtomicallyAndAnOpenOneHoldsBackReadCommittedReaders(
            KafkaFixture kafka) throws Exception {
        TransactionsLab.Result result = TransactionsLab.run(kafka, out);

        int perTransaction = TransactionsLab.CAMPAIGNS;
        assertThat(result.uncommittedWhileOpen()).isEqualTo(new TransactionsLab.View(3 * perTransaction, 3,
                java.util.Set.of("A", "B", "C")));
        assertThat(result.committedWhileOpen()).isEqualTo(new TransactionsLab.View(perTransaction, 1,
                java.util.Set.of("A")));
        // Partition 0: A (2 records) + marker, B (2) + marker, C (2, open), the plain record.
        assertThat(result.endsWhileOpen()).isEqualTo(new TransactionsLab.Ends(9, 6));
        assertThat(result.lateRecordVisible()).isFalse();
        assertThat(result.groupPosition()).isEqualTo(6);
        assertThat(result.committedAfterCommit()).isEqualTo(new TransactionsLab.View(2 * perTransaction, 2,
                java.util.Set.of("A", "C")));
        assertThat(result.endsAfterCommit()).isEqualTo(new TransactionsLab.Ends(10, 10));
        assertThat(result.lateRecordVisibleAfter()).isTrue();
    }

    @Test
    void aZombieWithTheSameTransactionalIdIsFencedAndTheCountsStayExact(KafkaFixture kafka) throws Exception {
        ZombieFencingLab.Result result = ZombieFencingLab.run(kafka, out);

        assertThat(result.zombieError()).isEqualTo(org.apache.kafka.common.errors.ProducerFencedException.class
                .getName());
        assertThat(result.zombieCommits()).isEqualTo(1);
        assertThat(result.committed()).isEqualTo(result.expected());
    }

    @Test
    void aLostProduceResponseDuplicatesRecordsWithoutIdempotenceAndNotWithIt(KafkaFixture kafka) {
        org.junit.jupiter.api.Assumptions.assumeTrue(IdempotenceLab.plaintext(kafka),
                "the response-dropping proxy speaks plaintext only; this cluster uses TLS or SASL");
        IdempotenceLab.Result result = IdempotenceLab.run(kafka, out);

        IdempotenceLab.Run plain = result.withoutIdempotence();
        assertThat(plain.dropped()).isEqualTo(1);
        assertThat(plain.retries()).isPositive();
        assertThat(plain.distinct()).isEqualTo(plain.sent());
        assertThat(plain.duplicates()).as("the retried batch was written twice").isPositive();
        IdempotenceLab.Run idempotent = result.withIdempotence();
        assertThat(idempotent.dropped()).isEqualTo(1);
        assertThat(idempotent.retries()).isPositive();
        assertThat(idempotent.stored()).isEqualTo(idempotent.sent()).isEqualTo(idempotent.distinct());
    }

    @Test
    void springsTransactionalContainerCountsExactlyAndRollsBackAFailedBatch(KafkaFixture kafka) throws Exception {
        SpringTransactionsLab.Result result = SpringTransactionsLab.run(kafka, out);

        assertThat(result.producerTransactional()).isTrue();
        assertThat(result.failedDeliveries()).isEqualTo(1);
        assertThat(result.committed()).isEqualTo(result.expected());
    }

    @Test
    void theCostBenchRunsInQuickMode(KafkaFixture kafka) {
        EosCostBench.Report report = EosCostBench.run(kafka, out, 1_500, 1);

        assertThat(report.runs()).hasSize(2).allSatisfy(run -> assertThat(run.records()).isPositive());
    }
}
