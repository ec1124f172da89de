package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exercise 2: OffsetReader. A reader that waits for records that are not there hangs: the timeout turns that into
 * a failure.
 */
@KafkaTest
@Timeout(15)
class OffsetReaderTest {

    private TopicPartition partition;

    @BeforeEach
    void fiftyRecords(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        partition = new TopicPartition(topic, 0);
        KafkaProducer<String, String> producer = kafka.stringProducer();
        IntStream.range(0, 50).forEach(i -> producer.send(new ProducerRecord<>(topic, "c-001", "v" + i)));
        producer.flush();
    }

    @Test
    void readsTheRecordsFromTheGivenOffset(KafkaFixture kafka) {
        List<ConsumerRecord<String, String>> records = OffsetReader.readRange(
                kafka.stringConsumer(kafka.groupId("reader")), partition, 10, 5);

        assertThat(records).extracting(ConsumerRecord::offset).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("v10", "v11", "v12", "v13", "v14");
    }

    @Test
    void stopsAtTheEndOfThePartition(KafkaFixture kafka) {
        List<ConsumerRecord<String, String>> records = OffsetReader.readRange(
                kafka.stringConsumer(kafka.groupId("reader")), partition, 45, 20);

        assertThat(records).extracting(ConsumerRecord::offset).containsExactly(45L, 46L, 47L, 48L, 49L);
    }

    @Test
    void fromTheEndThereIsNothingToRead(KafkaFixture kafka) {
        assertThat(OffsetReader.readRange(kafka.stringConsumer(kafka.groupId("reader")), partition, 50, 10)).isEmpty();
    }

    @Test
    void recordsBeforeTheLogStartOffsetAreGone(KafkaFixture kafka) throws Exception {
        // Retention deleted offsets 0-19; offsets are positions, so 10 is no longer there to read.
        kafka.admin().deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(20))).all().get();

        List<ConsumerRecord<String, String>> records = OffsetReader.readRange(
                kafka.stringConsumer(kafka.groupId("reader")), partition, 10, 100);

        assertThat(records).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(LongStream.range(20, 50).boxed().toList());
    }

    @Test
    void anEmptyPollIsNotTheEndOfThePartition() {
        // A real consumer's first polls often return nothing while it connects and fetches; MockConsumer makes
        // that happen every time: two empty polls, then the records.
        TopicPartition tp = new TopicPartition("ad-events", 0);
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, 20L));
        consumer.scheduleNopPollTask();
        consumer.scheduleNopPollTask();
        consumer.schedulePollTask(() -> LongStream.range(0, 20).forEach(offset ->
                consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "c-001", "v" + offset))));

        List<ConsumerRecord<String, String>> records = OffsetReader.readRange(consumer, tp, 5, 10);

        assertThat(records).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(LongStream.range(5, 15).boxed().toList());
    }

    @Test
    void fromTheStart(KafkaFixture kafka) {
        assertThat(OffsetReader.readRange(kafka.stringConsumer(kafka.groupId("reader")), partition, 0, 50))
                .extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(Long::valueOf).toList());
    }
}
