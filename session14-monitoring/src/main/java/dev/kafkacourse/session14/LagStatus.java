package dev.kafkacourse.session14;

import java.util.Collection;

/**
 * Burrow's statuses. A partition is OK, WARN (falling behind), STOP (no commits for too long), STALL (commits, but
 * the offset does not move) or REWIND (the committed offset went backwards). A group is OK, WARN, or ERR when any
 * of its partitions is stopped, stalled or rewound.
 */
public enum LagStatus {
    OK, WARN, ERR, STOP, STALL, REWIND;

    /** The group's status from its partitions' statuses: the worst one wins. */
    public static LagStatus ofGroup(Collection<LagStatus> partitions) {
        if (partitions.stream().anyMatch(s -> s == STOP || s == STALL || s == REWIND || s == ERR)) {
            return ERR;
        }
        return partitions.contains(WARN) ? WARN : OK;
    }
}
