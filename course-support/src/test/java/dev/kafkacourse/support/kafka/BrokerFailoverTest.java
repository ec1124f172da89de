package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** The fixture's multi-broker cluster really replicates, fails over and recovers. */
@KafkaTest(brokers = 3, needsBrokerControl = true)
class BrokerFailoverTest {

    @Test
    void stoppingABrokerMovesLeadershipAndShrinksIsrUntilItReturns(KafkaFixture kafka, KafkaCluster cluster) {
        assertThat(cluster.brokerCount()).isEqualTo(3);
        String topic = kafka.createTopic("replicated", 3, (short) 3, Map.of());
        awaitFullIsr(kafka, topic);

        int victimIndex = 0;
        int victim = cluster.brokerId(victimIndex);
        cluster.stopBroker(victimIndex);

        await("ISR without broker " + victim).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (TopicPartitionInfo partition : Topics.describe(kafka.admin(), topic).partitions()) {
                assertThat(partition.leader()).isNotNull();
                assertThat(partition.leader().id()).isNotEqualTo(victim);
                assertThat(partition.isr()).extracting(Node::id).doesNotContain(victim).hasSize(2);
            }
        });

        cluster.startBroker(victimIndex);

        awaitFullIsr(kafka, topic);
    }

    private static void awaitFullIsr(KafkaFixture kafka, String topic) {
        await("full ISR of " + topic).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TopicDescription description = Topics.describe(kafka.admin(), topic);
            assertThat(description.partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
        });
    }
}
