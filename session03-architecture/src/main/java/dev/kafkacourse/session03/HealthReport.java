package dev.kafkacourse.session03;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Replication health of some topics, as an operator's check (or {@code kafka-topics.sh --describe
 * --under-replicated-partitions / --under-min-isr-partitions / --unavailable-partitions}) reports it.
 *
 * @param underReplicated partitions that have a leader but fewer in-sync replicas than replicas
 * @param underMinIsr     partitions that have a leader but fewer in-sync replicas than the topic's effective
 *                        {@code min.insync.replicas}: {@code acks=all} writes to them fail
 * @param offline         partitions without a leader: no reads, no writes
 */
public record HealthReport(Set<TopicPartition> underReplicated, Set<TopicPartition> underMinIsr,
        Set<TopicPartition> offline) {

    public HealthReport {
        underReplicated = Set.copyOf(underReplicated);
        underMinIsr = Set.copyOf(underMinIsr);
        offline = Set.copyOf(offline);
    }

    public boolean healthy() {
        return underReplicated.isEmpty() && underMinIsr.isEmpty() && offline.isEmpty();
    }
}
