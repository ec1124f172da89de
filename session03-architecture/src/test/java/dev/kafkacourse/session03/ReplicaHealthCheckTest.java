package dev.kafkacourse.session03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: ReplicaHealthCheck. The cluster's default min.insync.replicas is 2, so a topic without its own
 * setting inherits 2.
 */
@KafkaTest(brokers = 3, needsBrokerControl = true, brokerProperties = {"min.insync.replicas=2"})
class ReplicaHealthCheckTest {

    @BeforeEach
    void likeANewKafka42Cluster(KafkaFixture kafka) {
        Replication.enableEligibleLeaderReplicas(kafka.admin());
    }

    @Test
    void aHealthyClusterReportsNothing(KafkaFixture kafka) {
        String events = kafka.createTopic("ad-events", 3, (short) 3, Map.of());
        String stats = kafka.createTopic("ad-stats", 2, (short) 1, Map.of("min.insync.replicas", "1"));
        Replication.awaitFullIsr(kafka.admin(), events);

        HealthReport report = ReplicaHealthCheck.check(kafka.admin(), List.of(events, stats));

        assertThat(report.underReplicated()).isEmpty();
        assertThat(report.underMinIsr()).isEmpty();
        assertThat(report.offline()).isEmpty();
        assertThat(report.healthy()).isTrue();
    }

    @Test
    void aStoppedBrokerLeavesUnderReplicatedUnderMinIsrAndOfflinePartitions(KafkaFixture kafka, KafkaCluster cluster) {
        Admin admin = kafka.admin();
        BrokerControl brokers = new BrokerControl(cluster, admin);
        int a = brokers.brokerIds().get(0);
        int b = brokers.brokerIds().get(1);
        int victim = brokers.brokerIds().get(2);
        // 3 copies, inherits min.insync.replicas=2: loses a copy, still writable.
        String events = kafka.createTopic("ad-events", 3, (short) 3, Map.of());
        // 3 copies and its own min.insync.replicas=3: loses a copy, no longer writable with acks=all.
        String budgets = kafka.createTopic("budgets", 1, (short) 3, Map.of("min.insync.replicas", "3"));
        // Partition 0 on [b, victim] inherits 2: down to 1 in sync. Partition 1 does not touch the victim.
        String campaigns = Replication.createTopic(kafka, "campaigns", Map.of(0, List.of(b, victim), 1, List.of(a, b)),
                Map.of());
        // A single copy on the victim: no leader left. Partition 1 lives elsewhere.
        String stats = Replication.createTopic(kafka, "ad-stats", Map.of(0, List.of(victim), 1, List.of(a)),
                Map.of("min.insync.replicas", "1"));
        List<String> topics = List.of(events, budgets, campaigns, stats);
        topics.forEach(topic -> Replication.awaitFullIsr(admin, topic));

        try (brokers) {
            brokers.stop(victim);
            for (String topic : List.of(events, budgets, campaigns)) {
                Replication.awaitAll(admin, topic, "ISR without broker " + victim,
                        p -> p.hasLeader() && !p.isr().contains(victim));
            }
            Replication.await(admin, stats, 0, "no leader", p -> !p.hasLeader());

            HealthReport report = ReplicaHealthCheck.check(admin, topics);

            assertThat(report.offline()).containsExactly(tp(stats, 0));
            assertThat(report.underReplicated()).containsExactlyInAnyOrder(tp(events, 0), tp(events, 1), tp(events, 2),
                    tp(budgets, 0), tp(campaigns, 0));
            assertThat(report.underMinIsr()).containsExactlyInAnyOrder(tp(budgets, 0), tp(campaigns, 0));
            assertThat(report.healthy()).isFalse();
        }

        topics.forEach(topic -> Replication.awaitFullIsr(admin, topic));
        assertThat(ReplicaHealthCheck.check(admin, topics).healthy()).as("healthy again after the restart").isTrue();
    }

    @Test
    void anUnknownTopicIsAClearError(KafkaFixture kafka) {
        String events = kafka.createTopic("ad-events", 1, (short) 3, Map.of());
        String missing = kafka.topicName("never-created");

        assertThatThrownBy(() -> ReplicaHealthCheck.check(kafka.admin(), List.of(events, missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing);
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
