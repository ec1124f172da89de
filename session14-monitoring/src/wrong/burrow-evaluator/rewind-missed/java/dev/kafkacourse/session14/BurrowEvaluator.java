// Known-wrong answer: never compares consecutive committed offsets, so a group that went back (reset offsets, a replay) looks like one catching up
package dev.kafkacourse.session14;

import java.util.List;

/**
 * Burrow's rules for one partition of a group, over a sliding window of its last commits (oldest first).
 */
public final class BurrowEvaluator {

    private BurrowEvaluator() {
    }

    /**
     * The partition's status at {@code nowMillis}.
     *
     * @param window    the last commits of the group for this partition, oldest first (may be empty)
     * @param endOffset the partition's end offset now
     * @param nowMillis the time of the evaluation (epoch ms)
     */
    public static LagStatus evaluate(List<OffsetCommit> window, long endOffset, long nowMillis) {
        if (window.isEmpty()) {
            return LagStatus.OK;
        }
        OffsetCommit first = window.get(0);
        OffsetCommit last = window.get(window.size() - 1);
        // A group that has read everything is fine, however long ago it last committed.
        if (endOffset - last.offset() <= 0) {
            return LagStatus.OK;
        }
        // Caught up at some point of the window: it keeps up.
        if (window.stream().anyMatch(commit -> commit.lag() == 0)) {
            return LagStatus.OK;
        }
        // No commit for longer than the whole window took: the consumer is gone.
        if (nowMillis - last.timestamp() > last.timestamp() - first.timestamp()) {
            return LagStatus.STOP;
        }
        if (window.size() > 1 && first.offset() == last.offset()) {
            return LagStatus.STALL;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() < window.get(i - 1).lag()) {
                return LagStatus.OK; // the lag shrank at least once: it is catching up
            }
        }
        return window.size() > 1 ? LagStatus.WARN : LagStatus.OK;
    }
}
