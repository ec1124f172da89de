package dev.kafkacourse.session12;

import java.util.OptionalLong;

/**
 * Exercise 1 (core): which offset of one partition may be committed while workers finish its records in any order.
 *
 * <p>The poll thread calls {@link #started} for every record it hands to a worker, in offset order; a worker calls
 * {@link #completed} when that record's work is done. A commit promises that everything before the committed
 * offset is done. One instance per partition; the worker pool calls it under its own lock, so it need not be
 * thread-safe.
 *
 * <ul>
 *   <li>Offsets can have gaps (a transaction marker, compaction): never assume the next offset is this one + 1.</li>
 *   <li>The first started offset is wherever the partition was resumed (the committed offset), rarely 0.</li>
 *   <li>The committed offset is the offset of the next record to read.</li>
 * </ul>
 */
public final class PartitionProgress {

    /** The poll thread handed the record at {@code offset} to a worker (offsets only grow). */
    public void started(long offset) {
        // TODO: remember that this offset is in flight.
        throw new UnsupportedOperationException("TODO session12 exercise 1: implement PartitionProgress.started");
    }

    /** A worker finished the record at {@code offset}. */
    public void completed(long offset) {
        // TODO: it is no longer in flight.
        throw new UnsupportedOperationException("TODO session12 exercise 1: implement PartitionProgress.completed");
    }

    /**
     * The offset that may be committed now, such that every started record before it is completed; empty when no
     * such offset exists yet (nothing started, or the first started record is still running).
     */
    public OptionalLong committable() {
        // TODO: the highest offset you can promise, without breaking the promise for a record still running.
        throw new UnsupportedOperationException("TODO session12 exercise 1: implement PartitionProgress.committable");
    }

    /** Records handed out and not yet completed. */
    public int inFlight() {
        throw new UnsupportedOperationException("TODO session12 exercise 1: implement PartitionProgress.inFlight");
    }
}
