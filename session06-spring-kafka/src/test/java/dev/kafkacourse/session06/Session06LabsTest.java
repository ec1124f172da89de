package dev.kafkacourse.session06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session06LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void theDefaultShapesComeFromApplicationYmlAndCountEveryEvent(KafkaFixture kafka) {
        DefaultAppLab.Result result = DefaultAppLab.run(kafka, out);

        assertThat(result.partitions()).isEqualTo(3);
        assertThat(result.templateConfig()).containsEntry("acks", "all")
                .hasEntrySatisfying("value.serializer", s -> assertThat(s.toString()).contains("JacksonJsonSerializer"));
        assertThat(result.concurrency()).isEqualTo(1);
        assertThat(result.ackMode()).isEqualTo("BATCH");
        assertThat(result.batchListener()).isFalse();
        assertThat(result.received()).isEqualTo(result.sent());
        assertThat(result.consumedStats()).isEqualTo(result.expectedStats());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("KafkaAdmin created").doesNotContain(" NO");
    }

    @Test
    void aCustomTemplateReportsEveryOutcomeAndABeanOfItsOwnReplacesTheDefault(KafkaFixture kafka) {
        CustomTemplateLab.Result result = CustomTemplateLab.run(kafka, out);

        assertThat(result.acknowledgedPerPartition().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(result.sent());
        assertThat(result.failures()).singleElement().asString().contains("ad-events-typo", "not present in metadata");
        assertThat(result.sendError()).contains("Send failed");
        assertThat(result.receivedByDefaultListener()).isEqualTo(result.sent());
        assertThat(result.statsMatch()).isTrue();
        assertThat(result.templateBeans()).containsExactly("kafkaTemplate");
        assertThat(result.templateBeansWithOwnTemplate()).containsExactly("auditTemplate");
    }

    @Test
    void theCustomContainerRunsThreeBatchConsumersThatCommitOnlyWhenAcknowledged(KafkaFixture kafka) throws Exception {
        CustomContainerLab.Result result = CustomContainerLab.run(kafka, out);

        assertThat(result.received()).isEqualTo(result.sent());
        assertThat(result.perThread()).hasSize(3).allSatisfy((thread, stats) -> {
            assertThat(stats.partitions()).hasSize(1);
            assertThat(stats.largestBatch()).isBetween(1, 100);
        });
        assertThat(result.perThread().values().stream().mapToLong(BatchWatchListener.ThreadStats::records).sum())
                .isEqualTo(result.sent());
        assertThat(result.membersPerGroup()).containsEntry("custom container (concurrency 3)", 3)
                .containsEntry("default container", 1);
        assertThat(result.committedBeforeAck()).isEmpty();
        assertThat(result.committedAfterAck()).isEqualTo(result.endOffsets());
    }
}
