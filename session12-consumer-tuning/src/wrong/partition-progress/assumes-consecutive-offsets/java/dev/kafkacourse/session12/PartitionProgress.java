// Known-wrong answer: walks offset by offset (n, n+1, ...), so a gap left by a transaction marker or compaction stops the commits for good
package dev.kafkacourse.session12;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exercise 1 (core): which offset of one partition may be committed while workers finish its records in any order.
 *
 * <p>The poll thread calls {@link #started} for every record it hands to a worker, in offset order; a worker calls
 * {@link #completed} when that record's work is done. A commit promises that everything before the committed
 * offset is done, so only the unbroken run of completed records from the first started one may be committed, and
 * the committed offset is the next one to read. Offsets can have gaps (transaction markers, compaction), and the
 * first started offset is wherever the partition was resumed, rarely 0. One instance per partition; the pool
 * calls it under its own lock.
 */
public final class PartitionProgress {

    /** Started and not yet completed, in offset order. */
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long firstStarted = -1;
    private long lastStarted = -1;
    private final Set<Long> done = new HashSet<>();
    private long next = -1;

    /** The poll thread handed the record at {@code offset} to a worker (offsets only grow). */
    public void started(long offset) {
        if (firstStarted < 0) {
            firstStarted = offset;
        }
        lastStarted = offset;
        inFlight.add(offset);
    }

    /** A worker finished the record at {@code offset}. */
    public void completed(long offset) {
        inFlight.remove(offset);
        done.add(offset);
    }

    /**
     * The offset to commit now: the first record still in flight (everything before it is done), or one past the
     * last started record when nothing is in flight. Empty while the very first started record is still running.
     */
    public OptionalLong committable() {
        if (firstStarted < 0) {
            return OptionalLong.empty();
        }
        if (next < 0) {
            next = firstStarted;
        }
        while (done.remove(next)) {
            next++;
        }
        return next > firstStarted ? OptionalLong.of(next) : OptionalLong.empty();
    }

    /** Records handed out and not yet completed. */
    public int inFlight() {
        return inFlight.size();
    }
}
