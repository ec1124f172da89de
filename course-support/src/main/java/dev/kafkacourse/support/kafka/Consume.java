package dev.kafkacourse.support.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a known number of records, failing with what was read if they do not arrive in time. */
public final class Consume {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private Consume() {
    }

    /** Polls until {@code count} records have arrived; the consumer must already be subscribed or assigned. */
    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int count) {
        return records(consumer, count, DEFAULT_TIMEOUT);
    }

    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Expected " + count + " records within " + timeout.toSeconds()
                        + " s but received " + received.size());
            }
            consumer.poll(POLL).forEach(received::add);
        }
        return received;
    }

    /**
     * Assigns every partition of {@code topic}, takes the end offsets now (the last stable offset for a
     * {@code read_committed} consumer) and reads from the beginning exactly up to them. Records written after the
     * call started are not returned; positions, not record counts, decide when to stop, so transaction markers and
     * compacted gaps do not confuse it.
     */
    public static <K, V> List<ConsumerRecord<K, V>> toEnd(Consumer<K, V> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!partitions.stream().allMatch(p -> consumer.position(p, timeout) >= end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + topic + " up to its end offsets " + end
                        + " within " + timeout.toSeconds() + " s; read " + received.size() + " records");
            }
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    received.add(record);
                }
            }
        }
        return received;
    }
}
