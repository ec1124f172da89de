package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lab 5 as a learner runs it, on the shared cluster with an S3 store of its own. */
@KafkaTest
class ConnectS3LabTest {

    @Test
    void theSinkArchivesEveryReadableRecordSendsTheRestToTheDlqAndSurvivesAWorkerRestart(KafkaFixture kafka)
            throws Exception {
        ConnectS3Lab.quietLogs();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ConnectS3Lab.Result result;
        try (S3Store store = S3Store.start()) {
            result = ConnectS3Lab.run(kafka, store, new PrintStream(output, true, StandardCharsets.UTF_8));
        } finally {
            System.out.println(output.toString(StandardCharsets.UTF_8));   // the lab's report, kept in the log
        }

        // Exactly the generator's records, less the ones the converter cannot read: none lost, none twice.
        assertThat(result.unreadable()).isPositive();
        assertThat(result.rowsInTable()).isEqualTo(result.expectedRows());
        assertThat(result.lostEvents()).isZero();
        assertThat(result.duplicateRows()).isZero();
        // Counted in the objects themselves, listed and read through the S3 API.
        assertThat(result.dataFilesInTable()).isPositive().isLessThanOrEqualTo(result.dataFiles());
        assertThat(result.rowsInAllDataFiles()).isGreaterThanOrEqualTo(result.rowsInTable());
        assertThat(result.objects()).anyMatch(k -> k.endsWith(".metadata.json"));
        // The DLQ holds exactly the records the converter could not read, with the reason in headers; records the
        // stopped worker had sent there before its offsets were committed come again (at-least-once, measured).
        assertThat(result.distinctDeadLetters()).isEqualTo(result.unreadable());
        assertThat(result.deadLetters()).isGreaterThanOrEqualTo(result.distinctDeadLetters());
        assertThat(result.deadLetterReasons().keySet())
                .allMatch(reason -> reason.startsWith("VALUE_CONVERTER org.apache.kafka.connect.errors.DataException"));
        // The connector's committed offsets reached the end of every partition (the DLQ'd records included).
        assertThat(result.committedOffsets()).isEqualTo(result.endOffsets());
        // The worker was stopped mid-stream: some rows were committed before, the rest by the new worker.
        assertThat(result.rowsBeforeRestart()).isPositive().isLessThan(result.expectedRows());
    }
}
