package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Exercise 3: ConsumerLag, from the committed offsets, not from how far the consumer has fetched. */
@KafkaTest
class ConsumerLagTest {

    @Test
    void lagCountsFromTheCommittedOffsetOrTheLogStartNotFromThePosition(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events", 2);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        CommittedLagTest.produce(kafka, topic, Map.of(0, 100, 1, 50));
        // Retention removed the first 20 records of partition 1: its log starts at 20.
        kafka.admin().deleteRecords(Map.of(p1, RecordsToDelete.beforeOffset(20))).all().get();
        try (KafkaConsumer<String, String> consumer = kafka.consumer(kafka.groupId("ad-stats"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(p0, p1));
            // The consumer has read everything, but committed only the first 40 records of partition 0.
            Awaitility.await("everything read").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100));
                        return consumer.position(p0) == 100 && consumer.position(p1) == 50;
                    });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(40)));

            Map<TopicPartition, Long> lag = ConsumerLag.of(consumer);

            assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of(p0, 60L, p1, 30L));
        }
    }

    @Test
    void aConsumerThatCommittedEverythingHasNoLag(KafkaFixture kafka) {
        String topic = kafka.createTopic("clicks", 1);
        TopicPartition p0 = new TopicPartition(topic, 0);
        CommittedLagTest.produce(kafka, topic, Map.of(0, 10));
        try (KafkaConsumer<String, String> consumer = kafka.consumer(kafka.groupId("billing"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(p0));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(10)));

            assertThat(ConsumerLag.of(consumer)).containsExactly(Map.entry(p0, 0L));
        }
    }
}
