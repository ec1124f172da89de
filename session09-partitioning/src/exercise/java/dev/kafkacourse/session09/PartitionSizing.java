package dev.kafkacourse.session09;

/**
 * Exercise 2: the "right partition count". One partition takes at most {@code p} records (or bytes) per second
 * from the producers and one consumer gets through at most {@code c} per second from one partition; to carry a
 * target of {@code t} per second a topic needs {@code max(t / p, t / c)} partitions, rounded up. Then plan for
 * growth, and round to a multiple of the broker count so that partition leaders spread evenly.
 */
public final class PartitionSizing {

    private PartitionSizing() {
    }

    /**
     * {@code max(targetPerSecond / producerPerPartition, targetPerSecond / consumerPerPartition)} rounded up, and
     * at least 1. All three in the same unit (records/s or MB/s). A quotient that is a whole number up to
     * floating-point noise (4.2 / 0.7 gives 6.000000000000001) counts as that whole number.
     *
     * @throws IllegalArgumentException if any argument is not a positive finite number; the message names the
     *                                  argument ({@code targetPerSecond}, {@code producerPerPartition} or
     *                                  {@code consumerPerPartition})
     */
    public static int partitionsFor(double targetPerSecond, double producerPerPartition, double consumerPerPartition) {
        // TODO: check the three arguments, then the partition count as described above.
        throw new UnsupportedOperationException("TODO session09 exercise 2: implement PartitionSizing.partitionsFor");
    }

    /**
     * Partitions for {@code targetPerSecond × growthFactor} (as {@link #partitionsFor}), then rounded up to the next
     * multiple of {@code brokers}.
     *
     * @throws IllegalArgumentException if {@code growthFactor} is below 1 or not finite (message names
     *                                  {@code growthFactor}), if {@code brokers} is below 1 (message names
     *                                  {@code brokers}), or as {@link #partitionsFor}
     */
    public static int plan(double targetPerSecond, double growthFactor, double producerPerPartition,
            double consumerPerPartition, int brokers) {
        // TODO: check the growth and the broker count, then size for the grown target and round to the brokers.
        throw new UnsupportedOperationException("TODO session09 exercise 2: implement PartitionSizing.plan");
    }
}
