package dev.kafkacourse.session16;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A delay queue's bookkeeping: when each record is due (its {@value RetryTopics#DUE_AT} header, or else its
 * timestamp plus its topic's delay) and which partitions are paused until when.
 */
public final class DelaySchedule {

    private final Map<String, Duration> delays;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private long pauses;

    /** @param delays the delay of each topic: one delay level per topic */
    public DelaySchedule(Map<String, Duration> delays) {
        this.delays = Map.copyOf(delays);
    }

    public Collection<String> topics() {
        return delays.keySet();
    }

    /** When {@code record} is due, epoch ms. */
    public long dueAt(ConsumerRecord<String, byte[]> record) {
        String header = DeadLetters.text(record.headers(), RetryTopics.DUE_AT);
        if (header != null) {
            return Long.parseLong(header);
        }
        Duration delay = delays.get(record.topic());
        return record.timestamp() + (delay == null ? 0 : delay.toMillis());
    }

    /** Notes that {@code partition} is paused until {@code dueAt}. */
    public void pausedUntil(TopicPartition partition, long dueAt) {
        pausedUntil.put(partition, dueAt);
        pauses++;
    }

    /** The paused partitions whose time has come at {@code now}; they are forgotten here, so resume them. */
    public List<TopicPartition> due(long now) {
        List<TopicPartition> due = pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now)
                .map(Map.Entry::getKey).toList();
        due.forEach(pausedUntil::remove);
        return due;
    }

    /** Partitions this consumer no longer owns (a rebalance took them). */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(pausedUntil::remove);
    }

    /** How often a partition was paused because its next record was not due. */
    public long pauses() {
        return pauses;
    }
}
