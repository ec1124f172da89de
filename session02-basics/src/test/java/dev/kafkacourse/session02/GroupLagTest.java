package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exercise 4: GroupLag. 10 records in each of 3 partitions. */
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

        assertThat(GroupLag.lagOf(kafka.admin(), group, topic))
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 10L, tp(1), 3L, tp(2), 10L));
    }

    @Test
    void anUnknownGroupLagsByEverything(KafkaFixture kafka) {
        assertThat(GroupLag.lagOf(kafka.admin(), kafka.groupId("nobody"), topic))
                .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 10L, tp(1), 10L, tp(2), 10L));
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
