package dev.kafkacourse.session14;

import java.util.List;

/**
 * Burrow's rules for one partition of a group, over a sliding window of its last commits (oldest first).
 */
public final class BurrowEvaluator {

    private BurrowEvaluator() {
    }

    /**
     * The partition's status at {@code nowMillis}: OK, WARN, STOP, STALL or REWIND (see the guide's rules).
     *
     * @param window    the last commits of the group for this partition, oldest first (may be empty)
     * @param endOffset the partition's end offset now
     * @param nowMillis the time of the evaluation (epoch ms)
     */
    public static LagStatus evaluate(List<OffsetCommit> window, long endOffset, long nowMillis) {
        throw new UnsupportedOperationException(
                "TODO: evaluate the window with Burrow's rules (zero lag, rewind, stop, stall, lag never shrinking)");
    }
}
