package dev.kafkacourse.session15;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a deployment cost the consumer group, counted from the members' rebalance listeners: how many rebalances
 * each member took part in, how many partitions were taken away from the members that were NOT being restarted,
 * and how long partitions sat without an owner (partition-milliseconds: 6 partitions unowned for 1 s = 6,000).
 */
final class RebalanceTally {

    private final Map<TopicPartition, Long> unownedSince = new HashMap<>();
    private int rebalances;
    private int bystanderRebalances;
    private int bystanderRevokedPartitions;
    private int bystanderFullRevocations;
    private long pausedPartitionMillis;

    /** A member gave up {@code partitions}; {@code bystander}: it was not the member being restarted. */
    synchronized void revoked(Collection<TopicPartition> partitions, boolean wholeAssignment, boolean bystander) {
        long now = System.nanoTime();
        partitions.forEach(p -> unownedSince.putIfAbsent(p, now));
        if (bystander && !partitions.isEmpty()) {
            bystanderRevokedPartitions += partitions.size();
            if (wholeAssignment) {
                bystanderFullRevocations++;
            }
        }
    }

    /** A member finished a rebalance and got {@code partitions} (the new ones only, for cooperative members). */
    synchronized void assigned(Collection<TopicPartition> partitions, boolean bystander) {
        long now = System.nanoTime();
        for (TopicPartition p : partitions) {
            Long since = unownedSince.remove(p);
            if (since != null) {
                pausedPartitionMillis += (now - since) / 1_000_000;
            }
        }
        rebalances++;
        if (bystander) {
            bystanderRebalances++;
        }
    }

    synchronized Counts snapshot() {
        return new Counts(rebalances, bystanderRebalances, bystanderRevokedPartitions, bystanderFullRevocations,
                pausedPartitionMillis);
    }

    /**
     * @param rebalances rebalances that reached any member (one per member and rebalance)
     * @param bystanderRebalances rebalances that reached the members not being restarted (listener calls)
     * @param bystanderRevokedPartitions partitions taken from those members
     * @param bystanderFullRevocations times such a member lost its whole assignment at once (eager rebalancing)
     * @param pausedPartitionMillis partition-milliseconds without an owner (a timing: printed, never asserted)
     */
    record Counts(int rebalances, int bystanderRebalances, int bystanderRevokedPartitions, int bystanderFullRevocations,
            long pausedPartitionMillis) {

        Counts minus(Counts before) {
            return new Counts(rebalances - before.rebalances, bystanderRebalances - before.bystanderRebalances,
                    bystanderRevokedPartitions - before.bystanderRevokedPartitions,
                    bystanderFullRevocations - before.bystanderFullRevocations,
                    pausedPartitionMillis - before.pausedPartitionMillis);
        }
    }
}
