package dev.kafkacourse.session02;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exercise 2: OffsetReader. */
@KafkaTest
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
    void fromTheStart(KafkaFixture kafka) {
        assertThat(OffsetReader.readRange(kafka.stringConsumer(kafka.groupId("reader")), partition, 0, 50))
                .extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(Long::valueOf).toList());
    }
}
