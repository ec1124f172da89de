// Known-wrong answer: retention.bytes = replica budget minus one segment: forgets the active segment on top of the one waiting for deletion
package dev.kafkacourse.session13;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

public final class RetentionPlanner {

    private RetentionPlanner() {
    }

    public static RetentionPlan plan(RetentionRequirement requirement) {
        requirePositive(requirement.diskBudgetBytes(), "diskBudgetBytes");
        requirePositive(requirement.ingestBytesPerSecond(), "ingestBytesPerSecond");
        requirePositive(requirement.replicationFactor(), "replicationFactor");
        requirePositive(requirement.partitions(), "partitions");
        Duration window = requirement.replayWindow();
        if (window == null || window.toMillis() <= 0) {
            throw new IllegalArgumentException("replayWindow must be positive, was " + window);
        }
        long replicas = (long) requirement.partitions() * requirement.replicationFactor();
        long replicaBudget = requirement.diskBudgetBytes() / replicas;
        long segmentBytes = segmentBytes(replicaBudget);
        if (segmentBytes < RetentionPlan.MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException(String.format("A disk budget of %d bytes over %d partition replicas "
                    + "(%d partitions x replication factor %d) leaves %d bytes per replica, so segment.bytes would be "
                    + "%d, below Kafka's minimum of %d. Use a disk budget of at least %d bytes, or fewer partitions.",
                    requirement.diskBudgetBytes(), replicas, requirement.partitions(), requirement.replicationFactor(),
                    replicaBudget, segmentBytes, RetentionPlan.MIN_SEGMENT_BYTES,
                    RetentionPlan.MIN_SEGMENT_BYTES * RetentionPlan.SEGMENTS_PER_REPLICA_BUDGET * replicas));
        }
        long retentionBytes = replicaBudget - segmentBytes;
        // ingest x window can overflow a long (1 GB/s for a year); BigInteger keeps the rounding exact.
        BigInteger windowBytes = new BigInteger(String.valueOf(requirement.ingestBytesPerSecond()))
                .multiply(BigInteger.valueOf(window.toMillis()))
                .add(BigInteger.valueOf(1000L * requirement.partitions() - 1))
                .divide(BigInteger.valueOf(1000L * requirement.partitions()));
        if (windowBytes.compareTo(BigInteger.valueOf(retentionBytes)) > 0) {
            BigInteger minimumBudget = minimumReplicaBudget(windowBytes).multiply(BigInteger.valueOf(replicas));
            long longestWindowSeconds = new BigDecimal(retentionBytes)
                    .multiply(BigDecimal.valueOf(requirement.partitions()))
                    .divide(BigDecimal.valueOf(requirement.ingestBytesPerSecond()), 0, RoundingMode.DOWN)
                    .longValueExact();
            throw new IllegalArgumentException(String.format("A replay window of %s needs %s bytes per partition "
                    + "replica (%d bytes/s over %d partitions), but a disk budget of %d bytes allows retention.bytes=%d "
                    + "per replica. Use a disk budget of at least %s bytes, or a replay window of at most %s.",
                    window, windowBytes, requirement.ingestBytesPerSecond(), requirement.partitions(),
                    requirement.diskBudgetBytes(), retentionBytes, minimumBudget,
                    Duration.ofSeconds(longestWindowSeconds)));
        }
        return new RetentionPlan(window.toMillis(), retentionBytes, segmentBytes);
    }

    private static long segmentBytes(long replicaBudget) {
        return Math.min(RetentionPlan.MAX_SEGMENT_BYTES, replicaBudget / RetentionPlan.SEGMENTS_PER_REPLICA_BUDGET);
    }

    /** The smallest replica budget whose retention.bytes holds {@code windowBytes} (and whose segment is valid). */
    private static BigInteger minimumReplicaBudget(BigInteger windowBytes) {
        BigInteger capped = windowBytes.add(BigInteger.valueOf(2 * RetentionPlan.MAX_SEGMENT_BYTES));
        if (capped.compareTo(BigInteger.valueOf(RetentionPlan.MAX_SEGMENT_BYTES
                * RetentionPlan.SEGMENTS_PER_REPLICA_BUDGET)) >= 0) {
            return capped;   // segments are capped at 1 GiB: budget = window + 2 segments
        }
        // Below the cap a segment is a tenth of the budget, so retention.bytes is about 8/10 of it; floor division
        // makes the exact minimum a step or two away from 10/8 of the window.
        long budget = windowBytes.longValueExact() * 10 / 8;
        while (budget - 2 * segmentBytes(budget) < windowBytes.longValueExact()) {
            budget++;
        }
        while (budget > 0 && budget - 1 - 2 * segmentBytes(budget - 1) >= windowBytes.longValueExact()) {
            budget--;
        }
        return BigInteger.valueOf(Math.max(budget,
                RetentionPlan.MIN_SEGMENT_BYTES * RetentionPlan.SEGMENTS_PER_REPLICA_BUDGET));
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
