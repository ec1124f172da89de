package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Exercise 2: CommittedLag, checked against Kafka's own kafka-consumer-groups --describe in the same test. */
@KafkaTest
class CommittedLagTest {

    @Test
    void lagIsEndMinusCommittedForEveryCommittedPartitionAsKafkasToolSaysIt(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("ad-stats");
        produce(kafka, topic, Map.of(0, 30, 1, 20, 2, 10));
        // Partition 0 half read, partition 1 read to its end, partition 2 never committed.
        commit(kafka, group, Map.of(new TopicPartition(topic, 0), 12L, new TopicPartition(topic, 1), 20L));

        Map<TopicPartition, Long> lag = CommittedLag.of(kafka.admin(), group);

        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(topic, 0), 18L, new TopicPartition(topic, 1), 0L));
        assertThat(lag).isEqualTo(toolLag(kafka, group));
    }

    @Test
    void anotherGroupsCommitsAndLaterRecordsCount(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("clicks", 2);
        String group = kafka.groupId("billing");
        produce(kafka, topic, Map.of(0, 5, 1, 7));
        commit(kafka, group, Map.of(new TopicPartition(topic, 0), 5L, new TopicPartition(topic, 1), 1L));
        commit(kafka, kafka.groupId("other"), Map.of(new TopicPartition(topic, 0), 0L));
        produce(kafka, topic, Map.of(0, 4));

        Map<TopicPartition, Long> lag = CommittedLag.of(kafka.admin(), group);

        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition(topic, 0), 4L, new TopicPartition(topic, 1), 6L));
        assertThat(lag).isEqualTo(toolLag(kafka, group));
    }

    /** kafka-consumer-groups --describe --group G: the LAG column of the partitions that have a CURRENT-OFFSET. */
    static Map<TopicPartition, Long> toolLag(KafkaFixture kafka, String group) throws Exception {
        Map<TopicPartition, Long> lag = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        ConsumerGroupsTool.describe(kafka.bootstrapServers(), group, CommandConfig.file(kafka)).rows().stream()
                .filter(row -> row.currentOffset().isPresent())
                .forEach(row -> lag.put(new TopicPartition(row.topic(), row.partition()), row.lag().orElseThrow()));
        return lag;
    }

    static void produce(KafkaFixture kafka, String topic, Map<Integer, Integer> recordsPerPartition) {
        try (KafkaProducer<String, String> producer = kafka.stringProducer()) {
            recordsPerPartition.forEach((partition, count) -> {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, "c-" + i, "event-" + i));
                }
            });
        }
    }

    static void commit(KafkaFixture kafka, String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = kafka.consumer(group,
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new StringDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
            offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

}
