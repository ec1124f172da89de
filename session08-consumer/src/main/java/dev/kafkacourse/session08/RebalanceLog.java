package dev.kafkacourse.session08;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * A rebalance listener that writes down what happened to one member: every assignment, revocation and loss, in
 * order. Safe to read from another thread while the member polls.
 */
public final class RebalanceLog implements ConsumerRebalanceListener {

    /** What a callback reported. */
    public enum Kind { ASSIGNED, REVOKED, LOST }

    /** One callback: its kind and the partitions it named (possibly none: cooperative members get empty calls). */
    public record Entry(Kind kind, Set<TopicPartition> partitions) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        entries.add(new Entry(Kind.REVOKED, Set.copyOf(partitions)));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        entries.add(new Entry(Kind.ASSIGNED, Set.copyOf(partitions)));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        entries.add(new Entry(Kind.LOST, Set.copyOf(partitions)));
    }

    /** Every callback so far, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The callbacks that named at least one partition. */
    public List<Entry> nonEmptyEntries() {
        return entries.stream().filter(entry -> !entry.partitions().isEmpty()).toList();
    }

    /** Every partition this member was told to give up (revoked or lost) so far. */
    public Set<TopicPartition> revoked() {
        return entries.stream().filter(entry -> entry.kind() != Kind.ASSIGNED)
                .flatMap(entry -> entry.partitions().stream()).collect(Collectors.toSet());
    }

    public void clear() {
        entries.clear();
    }

    /** Partitions as {@code label-n}, sorted, where {@code label} is a short name for the topic. */
    public static String format(Collection<TopicPartition> partitions, Function<String, String> topicLabel) {
        TreeSet<TopicPartition> sorted = new TreeSet<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        sorted.addAll(partitions);
        return sorted.stream().map(tp -> topicLabel.apply(tp.topic()) + "-" + tp.partition())
                .collect(Collectors.joining(",", "[", "]"));
    }
}
