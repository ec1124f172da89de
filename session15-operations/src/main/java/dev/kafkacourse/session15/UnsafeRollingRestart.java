package dev.kafkacourse.session15;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * The rolling restart people write first: stop a broker, start it, go on to the next as soon as it is "up". It
 * never asks whether the restarted broker has caught up, so the next stop can leave partitions with one in-sync
 * copy: writes with {@code acks=all} and {@code min.insync.replicas=2} are refused until it catches up, and one
 * more failure at that moment loses the only copy. It records what the cluster looked like at each stop.
 */
public final class UnsafeRollingRestart {

    /**
     * When broker {@code stopped} was stopped, these partitions had it and fewer than min.insync.replicas - 1 other
     * brokers in sync: stopping it left them with fewer in-sync copies than {@code acks=all} writes need.
     */
    public record Stop(int stopped, List<PartitionState> underMinIsr) {
    }

    private final Admin admin;
    private final BrokerRestarter brokers;
    private final int minInsyncReplicas;

    public UnsafeRollingRestart(Admin admin, BrokerRestarter brokers, int minInsyncReplicas) {
        this.admin = admin;
        this.brokers = brokers;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    public List<Stop> restartAll(List<Integer> order) {
        List<Stop> stops = new ArrayList<>();
        for (int brokerId : order) {
            // Looked at only to show it: the procedure itself never looks.
            stops.add(new Stop(brokerId, ClusterState.allPartitions(admin).stream()
                    .filter(p -> p.replicas().size() >= minInsyncReplicas)
                    .filter(p -> p.isr().stream().filter(id -> id != brokerId).count() < minInsyncReplicas)
                    .toList()));
            brokers.stop(brokerId);
            brokers.start(brokerId);
        }
        return stops;
    }
}
