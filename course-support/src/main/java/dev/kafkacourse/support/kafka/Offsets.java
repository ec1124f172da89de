package dev.kafkacourse.support.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says about where partitions start and end and how far a group has committed (Admin API). The
 * one place tests and labs read these numbers, so each lesson states only what it does with them.
 */
public final class Offsets {

    private Offsets() {
    }

    /** The end offset (the next offset to be written, the high watermark) of every partition of {@code topic}. */
    public static Map<TopicPartition, Long> end(Admin admin, String topic) {
        return list(admin, topic, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The last stable offset of every partition: where a {@code read_committed} consumer stops. */
    public static Map<TopicPartition, Long> lastStable(Admin admin, String topic) {
        return list(admin, topic, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
    }

    /** The log start offset of every partition: 0 until retention or deleteRecords moves it. */
    public static Map<TopicPartition, Long> earliest(Admin admin, String topic) {
        return list(admin, topic, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The group's committed offsets; a partition the group never committed is absent. */
    public static Map<TopicPartition, Long> committed(Admin admin, String group) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "committed offsets of " + group)
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.put(partition, offset.offset());
                    }
                });
        return committed;
    }

    /**
     * The sum of {@code group}'s committed offsets over the partitions of {@code topic}: how many records it has
     * consumed, when the topic's offsets start at 0 and hold no transaction markers (a plain producer's topic).
     */
    public static long committedTotal(Admin admin, String group, String topic) {
        return committed(admin, group).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Map<TopicPartition, Long> list(Admin admin, String topic, OffsetSpec spec, IsolationLevel level) {
        int partitions = Topics.describe(admin, topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions(level)).all(), "offsets of " + topic)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the " + what, e);
        }
    }
}
