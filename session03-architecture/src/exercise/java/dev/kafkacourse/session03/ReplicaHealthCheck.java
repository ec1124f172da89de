package dev.kafkacourse.session03;

import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;

/**
 * Exercise 1: the first thing an on-call engineer checks when a broker fails is which partitions lost copies and
 * which lost their leader. Build that check with {@code Admin}.
 */
public final class ReplicaHealthCheck {

    private ReplicaHealthCheck() {
    }

    /**
     * The replication health of every partition of {@code topics}, from one look at the cluster's metadata.
     * <ul>
     *   <li>offline: the partition has no leader ({@code TopicPartitionInfo.leader()} is null or
     *       {@code Node.isEmpty()}). An offline partition is reported only as offline.</li>
     *   <li>under-replicated: it has a leader, and its ISR is smaller than its replica list.</li>
     *   <li>under min ISR: it has a leader, and its ISR is smaller than the topic's effective
     *       {@code min.insync.replicas} (the topic's own setting, or the cluster default it inherits: the value
     *       {@code describeConfigs} reports for the topic).</li>
     * </ul>
     * A partition can be both under-replicated and under min ISR.
     *
     * @throws IllegalArgumentException if a topic does not exist; the message names it
     */
    public static HealthReport check(Admin admin, Collection<String> topics) {
        // TODO: admin.describeTopics(topics) for leader, replicas and ISR of each partition;
        //  admin.describeConfigs(...) with ConfigResource.Type.TOPIC for min.insync.replicas;
        //  classify every partition as described above.
        throw new UnsupportedOperationException("TODO session03 exercise 1: implement ReplicaHealthCheck.check");
    }
}
