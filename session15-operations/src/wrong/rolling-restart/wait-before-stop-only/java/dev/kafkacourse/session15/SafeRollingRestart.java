// Known-wrong answer: checks that every replica is in sync before each stop but returns right after starting the last broker, while it is still catching up
package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;

/**
 * Exercise 1 (core): restart every broker of a cluster one at a time without losing a write. A broker may be
 * stopped only when every partition of the cluster has all its replicas in sync, and the next broker only when the
 * restarted one is back in the ISR of every partition it holds: "the process is up" is not "the copies are
 * caught up".
 */
public final class SafeRollingRestart {

    private final Admin admin;
    private final BrokerRestarter brokers;
    private final Duration timeout;

    public SafeRollingRestart(Admin admin, BrokerRestarter brokers, Duration timeout) {
        this.admin = admin;
        this.brokers = brokers;
        this.timeout = timeout;
    }

    /** Restarts the brokers in {@code order}, one at a time, and returns once the last one is back in every ISR. */
    public void restartAll(List<Integer> order) {
        for (int brokerId : order) {
            awaitNoUnderReplicatedPartitions("before stopping broker " + brokerId);
            brokers.stop(brokerId);
            brokers.start(brokerId);
        }
    }

    private void awaitNoUnderReplicatedPartitions(String when) {
        Awaitility.await("every replica of every partition in sync " + when)
                .atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> ClusterState.allPartitions(admin).stream().allMatch(PartitionState::fullyInSync));
    }

    private void awaitBackInEveryIsr(int brokerId) {
        Awaitility.await("broker " + brokerId + " back in the ISR of every partition it holds")
                .atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> ClusterState.allPartitions(admin).stream()
                        .filter(p -> p.replicas().contains(brokerId))
                        .allMatch(p -> p.isr().contains(brokerId)));
    }
}
