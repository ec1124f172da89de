// Known-wrong answer: commits the offsets with consumer.commitSync after the transaction: a crash between the two commits re-forwards the batch
package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Exercise 1 (core): forward every valid ad event from {@code ad-events} to a clean topic exactly once, through
 * crashes, restarts and failed transactions.
 */
public final class ExactlyOnceForwarder {

    private ExactlyOnceForwarder() {
    }

    /** The consumer settings on top of {@code base}: group, read only committed input, no consumer commits. */
    public static Map<String, Object> consumerConfig(Map<String, Object> base, String groupId) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** The producer settings on top of {@code base}: a transactional id that stays the same across restarts. */
    public static Map<String, Object> producerConfig(Map<String, Object> base, String instanceName) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clean-events-forwarder-" + instanceName);
        return config;
    }

    /**
     * One poll in one transaction: forwards the valid events (key campaignId, value the event's JSON), skips the
     * malformed ones, and commits the consumed offsets in the same transaction. Returns the events forwarded.
     * If anything fails before the commit, aborts, rewinds the consumer to the batch's first offsets and rethrows.
     */
    public static int forwardOnce(Consumer<String, byte[]> consumer, Producer<String, String> producer,
            String outputTopic) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
        int forwarded = 0;
        producer.beginTransaction();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                firstOffsets.putIfAbsent(partition, record.offset());
                nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
                AdEvent event;
                try {
                    event = AdEventJson.fromBytes(record.value());
                } catch (SerializationException e) {
                    continue;
                }
                producer.send(new ProducerRecord<>(outputTopic, event.campaignId(), AdEventJson.toJson(event)));
                forwarded++;
            }
            producer.commitTransaction();
            consumer.commitSync(nextOffsets);
            return forwarded;
        } catch (ProducerFencedException e) {
            throw e;   // a newer instance owns the id: no abort allowed, stop
        } catch (KafkaException e) {
            producer.abortTransaction();
            firstOffsets.forEach(consumer::seek);
            throw e;
        }
    }
}
