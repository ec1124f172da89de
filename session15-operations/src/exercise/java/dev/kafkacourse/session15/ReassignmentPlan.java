package dev.kafkacourse.session15;

import java.util.List;
import java.util.Map;

/**
 * Exercise 2 (stretch): the plan for a partition reassignment: where the replicas go when a broker is drained, and
 * which replicas the replication throttle must cover while they move.
 */
public final class ReassignmentPlan {

    /** The values of the topic configs {@code leader.replication.throttled.replicas} and the follower one. */
    public record Throttle(String leaderReplicas, String followerReplicas) {
    }

    private ReassignmentPlan() {
    }

    /**
     * The placement after moving every replica off {@code broker}: each of its replicas goes to the least-loaded of
     * the other {@code brokers} that does not already hold that partition; partitions without it stay as they are.
     */
    public static Map<Integer, List<Integer>> drain(Map<Integer, List<Integer>> placement, int broker,
            List<Integer> brokers) {
        throw new UnsupportedOperationException(
                "TODO: replace the drained broker in each partition by the least-loaded broker not yet holding it");
    }

    /**
     * For the partitions that move: the replicas that hold the data now (they send: leader side) and the replicas
     * being added (they receive: follower side), as {@code partition:broker} lists.
     */
    public static Throttle throttle(Map<Integer, List<Integer>> current, Map<Integer, List<Integer>> target) {
        throw new UnsupportedOperationException(
                "TODO: list partition:broker for the current replicas (leader side) and the added ones (follower side)");
    }
}
