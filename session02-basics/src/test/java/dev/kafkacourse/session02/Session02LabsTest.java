package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session02LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void topicAdminCreatesAndDescribesThePartitions(KafkaFixture kafka) throws Exception {
        TopicDescription description = TopicAdminLab.run(kafka, out);

        assertThat(description.partitions()).hasSize(TopicAdminLab.PARTITIONS)
                .allSatisfy(p -> assertThat(p.leader()).isNotNull())
                .allSatisfy(p -> assertThat(p.isr()).containsExactlyInAnyOrderElementsOf(p.replicas()));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("PartitionCount: 3", "Partition: 2  Leader:",
                "retention.ms = 604800000", "listTopics() contains it: true");
    }

    @Test
    void produceConsumeGetsBackExactlyWhatWasSentWithEachKeyInOnePartition(KafkaFixture kafka) {
        ProduceConsumeLab.Result result = ProduceConsumeLab.run(kafka, out, 2_000);

        assertThat(result.received()).isEqualTo(result.sent());
        assertThat(result.recordsPerPartition().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.sent());
        assertThat(result.partitionOfCampaign()).hasSize(8);
        assertThat(result.consumedStats()).isEqualTo(result.expectedStats());
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain(" NO");
    }

    @Test
    void seekByOffsetAndByTimestamp(KafkaFixture kafka) {
        SeekLab.Result result = SeekLab.run(kafka, out);

        assertThat(result.firstOffsetAfterSeek()).isEqualTo(100);
        assertThat(result.offsetFound()).isEqualTo(120);   // one event per second: two minutes in is offset 120
        assertThat(result.firstTimestampRead()).isEqualTo(result.timestampSought());
    }

    @Test
    void twoGroupsEachReadEverythingWhileMembersOfOneGroupShare(KafkaFixture kafka) {
        ReplayGroupsLab.Result result = ReplayGroupsLab.run(kafka, out);

        assertThat(result.perGroup()).containsOnlyKeys("billing", "dashboard")
                .allSatisfy((group, read) -> assertThat(read).isEqualTo(result.sent()));
        assertThat(result.perMemberOfSharedGroup()).hasSize(2).allSatisfy(read -> assertThat(read).isPositive());
        assertThat(result.perMemberOfSharedGroup().stream().mapToInt(Integer::intValue).sum()).isEqualTo(result.sent());
    }
}
