package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/** Admin look-ups over the whole cluster: every partition of every topic, internal ones included. */
public final class ClusterState {

    /** Upper bound for a replication state change to show up (typical: a few seconds). */
    public static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

    private ClusterState() {
    }

    /** Every partition of every topic, {@code __consumer_offsets} included, sorted by topic and partition. */
    public static List<PartitionState> allPartitions(Admin admin) {
        try {
            Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            return partitions(admin, topics);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not list topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        }
    }

    public static List<PartitionState> partitions(Admin admin, Collection<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = new TreeMap<>(
                    admin.describeTopics(topics).allTopicNames().get());
            List<PartitionState> states = new ArrayList<>();
            descriptions.forEach((name, description) -> description.partitions()
                    .forEach(info -> states.add(PartitionState.of(name, info))));
            states.sort(Comparator.comparing(PartitionState::topic).thenComparing(PartitionState::partition));
            return states;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe " + topics + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topics, e);
        }
    }

    /** Partitions whose in-sync replica set is missing one of their replicas (or that have no leader). */
    public static List<PartitionState> underReplicated(Admin admin) {
        return allPartitions(admin).stream().filter(p -> !p.fullyInSync()).toList();
    }
}
