package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Offsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from the beginning up to its end offsets as they are now: exactly what is there, neither stopping
 * at the first empty poll nor waiting for a count. How a DLQ is checked or replayed.
 */
public final class ReadToEnd {

    private ReadToEnd() {
    }

    public static <K, V> List<ConsumerRecord<K, V>> read(KafkaConsumer<K, V> consumer, Admin admin, String topic,
            Duration timeout) {
        Map<TopicPartition, Long> ends = Offsets.end(admin, topic);
        consumer.assign(ends.keySet());
        consumer.seekToBeginning(ends.keySet());
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + topic + " to its end offsets " + ends
                        + " within " + timeout);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /** The group's committed offsets on {@code topic} only. */
    public static Map<TopicPartition, Long> committed(Admin admin, String group, String topic) {
        Map<TopicPartition, Long> result = new java.util.HashMap<>(Offsets.committed(admin, group));
        result.keySet().removeIf(partition -> !partition.topic().equals(topic));
        return result;
    }
}
