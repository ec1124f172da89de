package dev.kafkacourse.session03;

import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * One partition as the controller last described it: leader, replicas, ISR and ELR as broker ids. Prints like a
 * line of {@code kafka-topics.sh --describe}.
 *
 * @param leader the leader's broker id, or {@link #NO_LEADER} when the partition has none (offline)
 * @param elr    eligible leader replicas (KIP-966): out of the ISR, but known to hold every committed record
 */
public record PartitionState(String topic, int partition, int leader, List<Integer> replicas, List<Integer> isr,
        List<Integer> elr) {

    /** What {@code kafka-topics.sh} shows as {@code Leader: none}; the metadata says -1. */
    public static final int NO_LEADER = -1;

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        elr = List.copyOf(elr);
    }

    /** From an {@code Admin.describeTopics} answer. A missing leader comes back as null or as an empty node. */
    public static PartitionState of(String topic, TopicPartitionInfo info) {
        Node leader = info.leader();
        int leaderId = leader == null || leader.isEmpty() || leader.id() < 0 ? NO_LEADER : leader.id();
        return new PartitionState(topic, info.partition(), leaderId, ids(info.replicas()), ids(info.isr()),
                ids(info.elr()));
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    /** The first replica in the assignment: where leadership goes back to after a preferred election. */
    public int preferredLeader() {
        return replicas.get(0);
    }

    @Override
    public String toString() {
        return String.format("Partition: %d  Leader: %-4s  Replicas: %s  Isr: %s  Elr: %s", partition,
                hasLeader() ? String.valueOf(leader) : "none", replicas, isr, elr);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes == null ? List.of() : nodes.stream().map(Node::id).toList();
    }
}
