package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Offsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exercise 4: GroupLag. 10 records in each of 3 partitions; retention has already deleted the first 4 records of
 * partition 0 and the first 3 of partition 2, so their log start offsets are 4 and 3, not 0.
 */
@KafkaTest
class GroupLagTest {

    private String topic;

    @BeforeEach
    void tenRecordsPerPartition(KafkaFixture kafka) {
        topic = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, String> producer = kafka.stringProducer();
        for (int i = 0; i < 30; i++) {
            producer.send(new ProducerRecord<>(topic, i % 3, "k", "v" + i));
        }
        producer.flush();
        // What retention does to old segments, done now: those records are gone and no group will ever read them.
        try {
            kafka.admin().deleteRecords(Map.of(tp(0), RecordsToDelete.beforeOffset(4),
                    tp(2), RecordsToDelete.beforeOffset(3))).all().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("Could not delete the first records", e);
        }
        assertThat(Offsets.earliest(kafka.admin(), topic)).as("test setup: log start offsets")
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 4L, tp(1), 0L, tp(2), 3L));
    }

    @Test
    void lagIsEndOffsetMinusCommittedOffset(KafkaFixture kafka) {
        String group = kafka.groupId("dashboard");
        commit(kafka, group, Map.of(tp(0), 10L, tp(1), 4L, tp(2), 9L));

        assertThat(GroupLag.lagOf(kafka.admin(), group, topic))
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 0L, tp(1), 6L, tp(2), 1L));
    }

    @Test
    void aPartitionNeverCommittedCountsAllItsRecords(KafkaFixture kafka) {
        String group = kafka.groupId("billing");
        commit(kafka, group, Map.of(tp(1), 7L));

        // Partitions 0 and 2: from the first record that still exists (the log start offset) to the end.
        assertThat(GroupLag.lagOf(kafka.admin(), group, topic))
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 6L, tp(1), 3L, tp(2), 7L));
    }

    @Test
    void anUnknownGroupLagsByEverything(KafkaFixture kafka) {
        assertThat(GroupLag.lagOf(kafka.admin(), kafka.groupId("nobody"), topic))
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 6L, tp(1), 10L, tp(2), 7L));
    }

    private void commit(KafkaFixture kafka, String group, Map<TopicPartition, Long> offsets) {
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(group);
        consumer.assign(List.copyOf(offsets.keySet()));
        Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        consumer.commitSync(commits);
    }

    private TopicPartition tp(int partition) {
        return new TopicPartition(topic, partition);
    }
}
