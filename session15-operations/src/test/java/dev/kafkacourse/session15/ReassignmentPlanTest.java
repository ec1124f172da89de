package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: the plan alone, on placements like the scale-out lab's (which runs the plan against real brokers in
 * {@link ScaleOutLabTest}). Broker ids do not start at 0, as on MSK.
 */
class ReassignmentPlanTest {

    private static final List<Integer> BROKERS = List.of(101, 102, 103, 104);

    @Test
    void drainingABrokerNeverPutsTwoReplicasOfAPartitionOnOneBroker() {
        for (int replicationFactor : new int[] {2, 3}) {
            Map<Integer, List<Integer>> placement = spread(BROKERS, 8, replicationFactor);
            Map<Integer, List<Integer>> drained = ReassignmentPlan.drain(placement, 101, BROKERS);

            assertThat(drained.keySet()).isEqualTo(placement.keySet());
            drained.forEach((partition, replicas) -> {
                assertThat(replicas).as("partition %d, RF %d", partition, replicationFactor)
                        .doesNotContain(101).doesNotHaveDuplicates().hasSize(replicationFactor)
                        .allMatch(BROKERS::contains);
            });
        }
    }

    @Test
    void drainingMovesOnlyTheDrainedBrokersReplicasAndKeepsTheOthersBalanced() {
        Map<Integer, List<Integer>> placement = spread(BROKERS, 8, 2);
        Map<Integer, List<Integer>> drained = ReassignmentPlan.drain(placement, 103, BROKERS);

        placement.forEach((partition, replicas) -> {
            if (!replicas.contains(103)) {
                assertThat(drained.get(partition)).as("partition %d does not move", partition).isEqualTo(replicas);
            } else {
                assertThat(drained.get(partition).indexOf(replicas.get(replicas.indexOf(103) == 0 ? 1 : 0)))
                        .as("partition %d keeps its other replica in place", partition)
                        .isEqualTo(replicas.indexOf(103) == 0 ? 1 : 0);
            }
        });
        Map<Integer, Integer> load = new TreeMap<>();
        drained.values().forEach(replicas -> replicas.forEach(b -> load.merge(b, 1, Integer::sum)));
        assertThat(load.keySet()).containsExactlyInAnyOrder(101, 102, 104);
        assertThat(load.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
                - load.values().stream().mapToInt(Integer::intValue).min().orElseThrow())
                .as("replicas per broker after the drain: %s", load).isLessThanOrEqualTo(1);
    }

    @Test
    void theThrottleCoversTheSendingReplicasOnTheLeaderSideAndTheNewOnesOnTheFollowerSide() {
        Map<Integer, List<Integer>> current = Map.of(0, List.of(101, 102), 1, List.of(102, 103), 2, List.of(103, 101));
        Map<Integer, List<Integer>> target = Map.of(0, List.of(104, 102), 1, List.of(102, 103), 2, List.of(103, 104));

        ReassignmentPlan.Throttle throttle = ReassignmentPlan.throttle(current, target);

        assertThat(entries(throttle.leaderReplicas())).as("leader side: the replicas that hold the data now")
                .containsExactlyInAnyOrder("0:101", "0:102", "2:103", "2:101");
        assertThat(entries(throttle.followerReplicas())).as("follower side: the replicas being added")
                .containsExactlyInAnyOrder("0:104", "2:104");
    }

    private static Set<String> entries(String list) {
        return list.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(list.split(",")));
    }

    private static Map<Integer, List<Integer>> spread(List<Integer> brokers, int partitions, int replicationFactor) {
        Map<Integer, List<Integer>> placement = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(brokers.get((p + r) % brokers.size()));
            }
            placement.put(p, replicas);
        }
        return placement;
    }
}
