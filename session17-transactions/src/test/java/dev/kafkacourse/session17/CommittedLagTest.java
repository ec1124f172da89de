package dev.kafkacourse.session17;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2 on a topic laid out by hand: partition 0 has a committed transaction and then an open one, partition 1
 * has no commit of the group and a log start offset above 0, partition 2 is plain with the group part-way.
 */
@KafkaTest
class CommittedLagTest {

    @Test
    void lagCountsOnlyWhatReadCommittedConsumersMayReadAndOpenTransactionsAreShownApart(KafkaFixture kafka)
            throws Exception {
        String topic = kafka.createTopic("ad-stats-1m", 3);
        String group = kafka.groupId("stats-reader");
        KafkaProducer<String, String> transactional = kafka.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                kafka.groupId("stats-writer")), new StringSerializer(), new StringSerializer());
        transactional.initTransactions();
        // Partition 0: 10 records committed (offsets 0-9, the commit marker at 10), then 5 in an open transaction.
        transactional.beginTransaction();
        IntStream.range(0, 10).forEach(i -> transactional.send(new ProducerRecord<>(topic, 0, "c-001", "v" + i)));
        transactional.commitTransaction();
        transactional.beginTransaction();
        IntStream.range(0, 5).forEach(i -> transactional.send(new ProducerRecord<>(topic, 0, "c-001", "open" + i)));
        transactional.flush();
        // Partitions 1 and 2: plain records; partition 1 loses its first 3 to deleteRecords.
        KafkaProducer<String, String> plain = kafka.stringProducer();
        Sends.all(plain, IntStream.range(0, 8).mapToObj(i -> new ProducerRecord<>(topic, 1, "c-002", "v" + i))
                .toList());
        Sends.all(plain, IntStream.range(0, 6).mapToObj(i -> new ProducerRecord<>(topic, 2, "c-003", "v" + i))
                .toList());
        kafka.admin().deleteRecords(Map.of(new TopicPartition(topic, 1), RecordsToDelete.beforeOffset(3)))
                .all().get();
        // The group has read everything committed in partition 0, 4 records of partition 2, nothing of partition 1.
        kafka.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(11),
                new TopicPartition(topic, 2), new OffsetAndMetadata(4))).all().get();

        try {
            Map<Integer, PartitionLag> lags = CommittedLag.of(kafka.admin(), group, topic);

            assertThat(lags).containsOnlyKeys(0, 1, 2);
            assertThat(lags.get(0)).as("partition 0: read up to the open transaction; its 5 records are held back "
                    + "(last stable offset 11, high watermark 16)").isEqualTo(new PartitionLag(11, 11, 16));
            assertThat(lags.get(0).lag()).isZero();
            assertThat(lags.get(0).heldBackByOpenTransactions()).isEqualTo(5);
            assertThat(lags.get(1)).as("partition 1: no commit yet, so the group starts at the log start offset 3 "
                    + "(records 0-2 were deleted)").isEqualTo(new PartitionLag(3, 8, 8));
            assertThat(lags.get(1).lag()).isEqualTo(5);
            assertThat(lags.get(2)).as("partition 2: committed 4 of 6").isEqualTo(new PartitionLag(4, 6, 6));
        } finally {
            transactional.abortTransaction();
        }
    }

    @Test
    void aGroupThatHasNotCommittedAnythingStartsAtTheLogStart(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-stats-1m", 1);
        Sends.all(kafka.stringProducer(), List.of(new ProducerRecord<>(topic, "c-001", "a"),
                new ProducerRecord<>(topic, "c-001", "b")));

        assertThat(CommittedLag.of(kafka.admin(), kafka.groupId("nobody"), topic))
                .containsExactly(Map.entry(0, new PartitionLag(0, 2, 2)));
    }
}
