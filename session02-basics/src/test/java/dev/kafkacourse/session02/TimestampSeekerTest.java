package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exercise 3: TimestampSeeker. 90 records, one a second, spread round-robin over 3 partitions. */
@KafkaTest
class TimestampSeekerTest {

    private final long start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)).toEpochMilli();
    private String topic;

    @BeforeEach
    void ninetyRecordsOneASecond(KafkaFixture kafka) {
        topic = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, String> producer = kafka.stringProducer();
        for (int i = 0; i < 90; i++) {
            producer.send(new ProducerRecord<>(topic, i % 3, start + i * 1_000L, "k", "event-" + i));
        }
        producer.flush();
    }

    @Test
    void positionsEveryPartitionAtTheFirstRecordAtOrAfterTheTime(KafkaFixture kafka) {
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("replay"));

        Map<TopicPartition, Long> positions = TimestampSeeker.seekToTimestamp(consumer, topic, start + 60_000);

        // event-60 is the first at the cutoff; it and the next two are offset 20 of partitions 0, 1 and 2.
        assertThat(positions).containsOnlyKeys(partitions()).allSatisfy((tp, offset) -> assertThat(offset).isEqualTo(20L));
        List<ConsumerRecord<String, String>> replay = Consume.records(consumer, 30);
        assertThat(replay).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(start + 60_000));
        assertThat(replay).extracting(ConsumerRecord::value).contains("event-60", "event-89").doesNotContain("event-59");
    }

    @Test
    void aTimeBetweenRecordsStartsAtTheNextRecord(KafkaFixture kafka) {
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("replay"));

        Map<TopicPartition, Long> positions = TimestampSeeker.seekToTimestamp(consumer, topic, start + 1_500);

        // event-2 (partition 2, offset 0), event-3 (partition 0, offset 1), event-4 (partition 1, offset 1)
        assertThat(positions).containsEntry(new TopicPartition(topic, 0), 1L)
                .containsEntry(new TopicPartition(topic, 1), 1L)
                .containsEntry(new TopicPartition(topic, 2), 0L);
    }

    @Test
    void aTimeAfterTheLastRecordPositionsAtTheEnd(KafkaFixture kafka) {
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("replay"));

        Map<TopicPartition, Long> positions = TimestampSeeker.seekToTimestamp(consumer, topic, start + 3_600_000);

        assertThat(positions).containsOnlyKeys(partitions()).allSatisfy((tp, offset) -> assertThat(offset).isEqualTo(30L));
        assertThat(consumer.assignment()).containsExactlyInAnyOrderElementsOf(partitions());
        partitions().forEach(tp -> assertThat(consumer.position(tp)).isEqualTo(30L));
    }

    private List<TopicPartition> partitions() {
        return List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
    }
}
