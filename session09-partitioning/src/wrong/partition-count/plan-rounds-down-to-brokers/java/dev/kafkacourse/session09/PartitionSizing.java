// Known-wrong answer: rounds the plan down to a multiple of the broker count, so 16 partitions on 3 brokers become 15
package dev.kafkacourse.session09;

/** A learner's answer to exercise 2 with a classic mistake (see the first line). */
public final class PartitionSizing {

    // Hides binary-fraction noise such as 4.2 / 0.7 = 6.000000000000001, which must not round up to 7.
    private static final double EPSILON = 1e-9;

    private PartitionSizing() {
    }

    public static int partitionsFor(double targetPerSecond, double producerPerPartition, double consumerPerPartition) {
        requirePositive(targetPerSecond, "targetPerSecond");
        requirePositive(producerPerPartition, "producerPerPartition");
        requirePositive(consumerPerPartition, "consumerPerPartition");
        double needed = Math.max(targetPerSecond / producerPerPartition, targetPerSecond / consumerPerPartition);
        return Math.max(1, (int) Math.ceil(needed - EPSILON));
    }

    public static int plan(double targetPerSecond, double growthFactor, double producerPerPartition,
            double consumerPerPartition, int brokers) {
        if (!(growthFactor >= 1) || Double.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("growthFactor must be at least 1 (1 = no growth), was " + growthFactor);
        }
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
        }
        requirePositive(targetPerSecond, "targetPerSecond");
        int partitions = partitionsFor(targetPerSecond * growthFactor, producerPerPartition, consumerPerPartition);
        return Math.max(brokers, partitions / brokers * brokers);
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number of records (or bytes) per second, was "
                    + value);
        }
    }
}
