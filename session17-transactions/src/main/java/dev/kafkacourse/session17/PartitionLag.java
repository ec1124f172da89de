package dev.kafkacourse.session17;

/**
 * How far a {@code read_committed} consumer group is behind in one partition.
 *
 * @param committed     the group's committed offset (the log start offset if the group has not committed here)
 * @param lastStable    the last stable offset: the end a read_committed consumer can read up to
 * @param highWatermark the end of the log: includes the records of transactions still open
 */
public record PartitionLag(long committed, long lastStable, long highWatermark) {

    /** Records the group can read but has not: what it is behind. */
    public long lag() {
        return Math.max(0, lastStable - committed);
    }

    /** Records held back from every read_committed reader by a transaction that is still open. */
    public long heldBackByOpenTransactions() {
        return highWatermark - lastStable;
    }
}
