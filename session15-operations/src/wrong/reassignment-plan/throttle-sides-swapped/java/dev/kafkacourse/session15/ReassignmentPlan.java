// Known-wrong answer: puts the added replicas on the leader side and the current ones on the follower side, so the copying traffic is not throttled where it flows
package dev.kafkacourse.session15;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        Map<Integer, Long> load = new HashMap<>();
        brokers.stream().filter(b -> b != broker).forEach(b -> load.put(b, 0L));
        placement.values().forEach(replicas -> replicas.stream().filter(load::containsKey)
                .forEach(b -> load.merge(b, 1L, Long::sum)));
        Map<Integer, List<Integer>> result = new TreeMap<>();
        placement.forEach((partition, replicas) -> {
            List<Integer> moved = new ArrayList<>(replicas);
            int index = moved.indexOf(broker);
            if (index >= 0) {
                int target = load.keySet().stream().filter(b -> !replicas.contains(b))
                        .min(Comparator.comparingLong((Integer b) -> load.get(b)).thenComparing(b -> b))
                        .orElseThrow(() -> new IllegalArgumentException("no broker left for partition " + partition));
                moved.set(index, target);
                load.merge(target, 1L, Long::sum);
            }
            result.put(partition, moved);
        });
        return result;
    }

    /**
     * For the partitions that move: the replicas that hold the data now (they send: leader side) and the replicas
     * being added (they receive: follower side), as {@code partition:broker} lists.
     */
    public static Throttle throttle(Map<Integer, List<Integer>> current, Map<Integer, List<Integer>> target) {
        List<String> leaders = new ArrayList<>();
        List<String> followers = new ArrayList<>();
        target.forEach((partition, replicas) -> {
            List<Integer> now = current.get(partition);
            if (!now.equals(replicas)) {
                now.forEach(b -> leaders.add(partition + ":" + b));
                replicas.stream().filter(b -> !now.contains(b)).forEach(b -> followers.add(partition + ":" + b));
            }
        });
        return new Throttle(String.join(",", followers), String.join(",", leaders));
    }
}
