package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Moving replicas with {@code Admin.alterPartitionReassignments}, as {@code kafka-reassign-partitions.sh} does:
 * throttle the replicas that take part in the move, start it, watch {@code listPartitionReassignments} until
 * nothing is moving, then lift the throttle.
 */
final class Reassignments {

    private Reassignments() {
    }

    /** Replica placement of {@code topic}: partition -> broker ids, preferred leader first. */
    static Map<Integer, List<Integer>> placement(Admin admin, String topic) {
        TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        Map<Integer, List<Integer>> result = new TreeMap<>();
        for (TopicPartitionInfo p : description.partitions()) {
            result.put(p.partition(), p.replicas().stream().map(n -> n.id()).toList());
        }
        return result;
    }

    /** How many replicas each broker holds in {@code placement}; brokers with none are listed with 0. */
    static Map<Integer, Long> replicasPerBroker(Map<Integer, List<Integer>> placement, Collection<Integer> brokers) {
        Map<Integer, Long> counts = new TreeMap<>();
        brokers.forEach(b -> counts.put(b, 0L));
        placement.values().forEach(replicas -> replicas.forEach(b -> counts.merge(b, 1L, Long::sum)));
        return counts;
    }

    /** Sets the topic's throttled-replica lists, as the plan says (see {@link ReassignmentPlan#throttle}). */
    static void throttle(Admin admin, String topic, ReassignmentPlan.Throttle throttle) {
        alterTopic(admin, topic, List.of(
                new AlterConfigOp(new ConfigEntry(ReplicationThrottle.LEADER_REPLICAS, throttle.leaderReplicas()),
                        AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(ReplicationThrottle.FOLLOWER_REPLICAS,
                        throttle.followerReplicas()), AlterConfigOp.OpType.SET)));
    }

    static void clearTopicThrottle(Admin admin, String topic) {
        alterTopic(admin, topic, List.of(
                new AlterConfigOp(new ConfigEntry(ReplicationThrottle.LEADER_REPLICAS, ""),
                        AlterConfigOp.OpType.DELETE),
                new AlterConfigOp(new ConfigEntry(ReplicationThrottle.FOLLOWER_REPLICAS, ""),
                        AlterConfigOp.OpType.DELETE)));
    }

    /** Starts moving the partitions whose target differs from where they are. */
    static void start(Admin admin, String topic, Map<Integer, List<Integer>> current,
            Map<Integer, List<Integer>> target) {
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = target.entrySet().stream()
                .filter(e -> !current.get(e.getKey()).equals(e.getValue()))
                .collect(Collectors.toMap(e -> new TopicPartition(topic, e.getKey()),
                        e -> Optional.of(new NewPartitionReassignment(e.getValue()))));
        get(admin.alterPartitionReassignments(moves).all());
    }

    /** The reassignments still running for {@code topic}: partition -> replicas being added. */
    static Map<Integer, List<Integer>> inProgress(Admin admin, String topic) {
        Map<TopicPartition, PartitionReassignment> running = get(admin.listPartitionReassignments().reassignments());
        Map<Integer, List<Integer>> result = new TreeMap<>();
        running.forEach((tp, r) -> {
            if (tp.topic().equals(topic)) {
                result.put(tp.partition(), r.addingReplicas());
            }
        });
        return result;
    }

    static final Duration POLL = Duration.ofMillis(250);

    private static void alterTopic(Admin admin, String topic, List<AlterConfigOp> ops) {
        get(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
