package dev.kafkacourse.session15;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads and writes of the mirror lesson: a group that resumes where it committed, a transactional collector. */
public final class GroupReads {

    private GroupReads() {
    }

    /**
     * Reads {@code topic} from the group's committed offsets (where a restarted consumer of the group starts) up to
     * the end offsets taken now. Without a committed offset a partition starts where {@code auto.offset.reset}
     * says. The consumer must have the group id and must not be subscribed.
     */
    public static <K, V> List<ConsumerRecord<K, V>> fromCommittedToEnd(Consumer<K, V> consumer, String topic,
            Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!partitions.stream().allMatch(p -> consumer.position(p, timeout) >= end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + topic + " up to " + end + " within "
                        + timeout.toSeconds() + " s; read " + received.size());
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    received.add(record);
                }
            }
        }
        consumer.commitSync();
        return received;
    }

    /**
     * Sends the events in transactions of {@code perTransaction} records, as an exactly-once collector does. Each
     * commit writes a marker that takes an offset of its own in every partition it touched: the topic's offsets
     * then run ahead of its record count, and a mirror (which copies records, not markers) numbers them differently.
     */
    public static void sendInTransactions(Producer<String, String> producer, String topic, List<AdEvent> events,
            int perTransaction) {
        producer.initTransactions();
        for (int from = 0; from < events.size(); from += perTransaction) {
            producer.beginTransaction();
            for (AdEvent event : events.subList(from, Math.min(events.size(), from + perTransaction))) {
                producer.send(AdEventRecords.toRecord(topic, event));
            }
            producer.commitTransaction();
        }
    }
}
