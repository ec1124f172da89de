package dev.kafkacourse.session15;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Kafka's replication throttle, as {@code kafka-reassign-partitions.sh --throttle} and {@code kafka-configs.sh}
 * set it: a byte rate per broker ({@code leader.replication.throttled.rate}, {@code
 * follower.replication.throttled.rate}) that applies only to the replicas a topic lists as throttled, and of those
 * only to the ones that are not in the ISR: catch-up and moving traffic, never the steady copying of in-sync
 * followers.
 */
public final class ReplicationThrottle {

    public static final String LEADER_RATE = "leader.replication.throttled.rate";
    public static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    public static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    public static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    private ReplicationThrottle() {
    }

    /** Topic configs that put every replica of the topic under the brokers' throttle rate. */
    public static Map<String, String> allReplicasThrottled() {
        return Map.of(LEADER_REPLICAS, "*", FOLLOWER_REPLICAS, "*");
    }

    /** Sets the throttle rate on each broker (bytes per second, leader and follower side). */
    public static void setRate(Admin admin, Collection<Integer> brokerIds, long bytesPerSecond) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (int brokerId : brokerIds) {
            List<AlterConfigOp> ops = new ArrayList<>();
            for (String key : List.of(LEADER_RATE, FOLLOWER_RATE)) {
                ops.add(new AlterConfigOp(new ConfigEntry(key, String.valueOf(bytesPerSecond)),
                        AlterConfigOp.OpType.SET));
            }
            changes.put(new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId)), ops);
        }
        alter(admin, changes, "set the replication throttle on brokers " + brokerIds);
    }

    /** Removes the throttle rate from each broker, as the reassignment tool's {@code --verify} does when done. */
    public static void clearRate(Admin admin, Collection<Integer> brokerIds) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (int brokerId : brokerIds) {
            changes.put(new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId)), List.of(
                    new AlterConfigOp(new ConfigEntry(LEADER_RATE, ""), AlterConfigOp.OpType.DELETE),
                    new AlterConfigOp(new ConfigEntry(FOLLOWER_RATE, ""), AlterConfigOp.OpType.DELETE)));
        }
        alter(admin, changes, "clear the replication throttle on brokers " + brokerIds);
    }

    private static void alter(Admin admin, Map<ConfigResource, Collection<AlterConfigOp>> changes, String what) {
        try {
            admin.incrementalAlterConfigs(changes).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        }
    }
}
