package dev.kafkacourse.session08;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of work that is done (counted in the aggregate) but not yet committed: per partition, the offset of the
 * next record to read, which is what a commit stores. Not thread-safe: it belongs to the thread that polls the
 * consumer, like the consumer itself and its rebalance listener.
 */
public final class PendingOffsets {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** Marks {@code record} as processed: a commit of its partition will store {@code record.offset() + 1}. */
    public void processed(ConsumerRecord<?, ?> record) {
        processed(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }

    /** Marks everything before {@code nextOffset} of {@code partition} as processed. Never moves backwards. */
    public void processed(TopicPartition partition, long nextOffset) {
        next.merge(partition, nextOffset, Math::max);
    }

    /** Commit-ready offsets of those {@code partitions} that have pending work (possibly none). */
    public Map<TopicPartition, OffsetAndMetadata> of(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long offset = next.get(partition);
            if (offset != null) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /** Commit-ready offsets of every partition with pending work. */
    public Map<TopicPartition, OffsetAndMetadata> all() {
        return of(next.keySet());
    }

    /** Drops the pending work of {@code partitions} (after committing it, or after losing the partitions). */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(next::remove);
    }

    public void clear() {
        next.clear();
    }

    public boolean isEmpty() {
        return next.isEmpty();
    }

    @Override
    public String toString() {
        return "PendingOffsets" + next;
    }
}
