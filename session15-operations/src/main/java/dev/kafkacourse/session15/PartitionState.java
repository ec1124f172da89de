package dev.kafkacourse.session15;

import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * One partition as the controller last described it, as broker ids. Prints like a line of
 * {@code kafka-topics.sh --describe}.
 *
 * @param leader the leader's broker id, or -1 when the partition has none
 */
public record PartitionState(String topic, int partition, int leader, List<Integer> replicas, List<Integer> isr) {

    public PartitionState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public static PartitionState of(String topic, TopicPartitionInfo info) {
        Node leader = info.leader();
        int leaderId = leader == null || leader.isEmpty() || leader.id() < 0 ? -1 : leader.id();
        return new PartitionState(topic, info.partition(), leaderId, ids(info.replicas()), ids(info.isr()));
    }

    public boolean fullyInSync() {
        return leader >= 0 && isr.containsAll(replicas);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return String.format("%s-%d  Leader: %-4s Replicas: %s  Isr: %s", topic, partition,
                leader >= 0 ? String.valueOf(leader) : "none", replicas, isr);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes == null ? List.of() : nodes.stream().map(Node::id).toList();
    }
}
