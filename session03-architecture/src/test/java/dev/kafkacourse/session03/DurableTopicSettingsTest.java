package dev.kafkacourse.session03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: DurableTopicSettings. The plan's numbers are checked for several requirements; the plan for billed
 * clicks is then checked by stopping brokers. The cluster is set up the unsafe way on purpose: Kafka's default
 * min.insync.replicas=1, and unclean.leader.election.enable=true as in MSK's default configuration.
 */
@KafkaTest(brokers = 3, needsBrokerControl = true, brokerProperties = {"unclean.leader.election.enable=true"})
class DurableTopicSettingsTest {

    /** Test-only: a write fails within seconds instead of the default two minutes. */
    private static final Map<String, Object> FAIL_FAST = Map.of(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
    /** For the write that must be refused: NOT_ENOUGH_REPLICAS is retried until this runs out. */
    private static final Map<String, Object> FAIL_FASTER = Map.of(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);

    @BeforeEach
    void likeANewKafka42Cluster(KafkaFixture kafka) {
        Replication.enableEligibleLeaderReplicas(kafka.admin());
    }

    @Test
    void billedClicksGetThreeReplicasOfWhichTwoMustBeInSync() {
        DurabilityPlan plan = DurableTopicSettings.plan(DurabilityRequirement.BILLED_CLICKS);

        assertThat(plan.replicationFactor()).as("replication factor").isEqualTo(3);
        assertThat(plan.topicConfigs()).as("topic configs")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false");
        assertThat(String.valueOf(plan.producerConfigs().get(ProducerConfig.ACKS_CONFIG))).as("acks").isIn("all", "-1");
    }

    @Test
    void theCopiesFollowTheRequirement() {
        record Case(DurabilityRequirement requirement, int replicationFactor, String minInsyncReplicas) {
        }
        for (Case c : List.of(
                new Case(new DurabilityRequirement(3, 0, 1), 2, "2"),
                new Case(new DurabilityRequirement(3, 2, 0), 3, "1"),
                new Case(new DurabilityRequirement(3, 0, 2), 3, "3"),
                new Case(new DurabilityRequirement(3, 0, 0), 1, "1"),
                new Case(new DurabilityRequirement(6, 2, 2), 5, "3"),
                new Case(new DurabilityRequirement(9, 1, 4), 6, "5"))) {
            DurabilityPlan plan = DurableTopicSettings.plan(c.requirement());
            assertThat(plan.replicationFactor()).as("replication factor for %s", c.requirement())
                    .isEqualTo(c.replicationFactor());
            assertThat(plan.topicConfigs()).as("topic configs for %s", c.requirement())
                    .containsEntry("min.insync.replicas", c.minInsyncReplicas())
                    .containsEntry("unclean.leader.election.enable", "false");
        }
    }

    @Test
    void aRequirementTheClusterCannotMeetIsRejectedWithTheBrokersItNeeds() {
        assertThatThrownBy(() -> DurableTopicSettings.plan(new DurabilityRequirement(3, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
        assertThatThrownBy(() -> DurableTopicSettings.plan(new DurabilityRequirement(5, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
        assertThatThrownBy(() -> DurableTopicSettings.plan(new DurabilityRequirement(3, -1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idempotenceIsStatedExplicitly() {
        Map<String, Object> producerConfigs = DurableTopicSettings.plan(DurabilityRequirement.BILLED_CLICKS)
                .producerConfigs();

        assertThat(producerConfigs).containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        assertThat(String.valueOf(producerConfigs.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG))).isEqualTo("true");
    }

    @Test
    void writesKeepSucceedingWithOneBrokerDown(KafkaFixture kafka, KafkaCluster cluster) {
        DurabilityPlan plan = billedClicksPlan();
        String topic = createTopic(kafka, plan);
        PartitionState healthy = Replication.partition(kafka.admin(), topic, 0);
        KafkaProducer<String, String> producer = producer(kafka, plan, FAIL_FAST);

        try (BrokerControl brokers = new BrokerControl(cluster, kafka.admin())) {
            int down = otherBrokers(brokers, healthy).get(0);
            brokers.stop(down);
            Replication.await(kafka.admin(), topic, 0, "broker " + down + " out of the ISR",
                    p -> p.hasLeader() && !p.isr().contains(down));

            assertThat(sendAll(producer, topic, "one-down-", 20)).as("acknowledged with one broker down").hasSize(20);
        }
    }

    @Test
    void writesAreRefusedWhenOnlyOneReplicaIsInSync(KafkaFixture kafka, KafkaCluster cluster) {
        DurabilityPlan plan = billedClicksPlan();
        String topic = createTopic(kafka, plan);
        PartitionState healthy = Replication.partition(kafka.admin(), topic, 0);
        KafkaProducer<String, String> producer = producer(kafka, plan, FAIL_FASTER);

        try (BrokerControl brokers = new BrokerControl(cluster, kafka.admin())) {
            List<Integer> others = otherBrokers(brokers, healthy);
            others.forEach(brokers::stop);
            Replication.await(kafka.admin(), topic, 0, "the leader alone in the ISR",
                    p -> p.isr().equals(List.of(healthy.leader())));

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "c-001", "single-copy")).get())
                    .as("a write with a single in-sync copy must fail")
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfAny(NotEnoughReplicasException.class, TimeoutException.class);
        }
    }

    @Test
    void acknowledgedRecordsSurviveWhenTheInSyncReplicasAreLostAndAStaleOneComesBack(KafkaFixture kafka,
            KafkaCluster cluster) {
        DurabilityPlan plan = billedClicksPlan();
        String topic = createTopic(kafka, plan);
        Admin admin = kafka.admin();
        PartitionState healthy = Replication.partition(admin, topic, 0);
        assertThat(healthy.replicas()).as("replicas of the plan's topic on a 3-broker cluster").hasSize(3);
        int leader = healthy.leader();
        int stale = healthy.replicas().stream().filter(id -> id != leader).findFirst().orElseThrow();
        int lastFollower = healthy.replicas().stream().filter(id -> id != leader && id != stale).findFirst().orElseThrow();
        KafkaProducer<String, String> producer = producer(kafka, plan, FAIL_FAST);

        List<String> acknowledged;
        try (BrokerControl brokers = new BrokerControl(cluster, admin)) {
            brokers.stop(stale);
            Replication.await(admin, topic, 0, "broker " + stale + " out of the ISR", p -> !p.isr().contains(stale));
            acknowledged = sendAll(producer, topic, "billed-", 30);

            brokers.stop(lastFollower);
            Replication.await(admin, topic, 0, "the leader alone in the ISR", p -> p.isr().equals(List.of(leader)));
            // The topic's three replicas fill the three brokers: this is a whole-cluster outage, Admin included.
            brokers.stop(leader);
            // The replica that missed the acknowledged records is the first one back: it must not take over.
            brokers.start(stale);
            PartitionState staleBack = Replication.partition(admin, topic, 0);
            assertThat(staleBack.leader()).as("leader while only the stale replica is back: %s", staleBack)
                    .isNotEqualTo(stale);
            brokers.start(leader);
            brokers.start(lastFollower);
        }
        Replication.awaitFullIsr(admin, topic);

        List<String> readable = Replication.readAll(kafka, new TopicPartition(topic, 0));
        List<String> lost = acknowledged.stream().filter(value -> !readable.contains(value)).toList();
        assertThat(lost).as("acknowledged records lost after the stale replica came back first").isEmpty();
    }

    /**
     * The plan the broker tests run. Its settings are checked first (the unit tests above say what is wrong), so a
     * wrong plan fails here at once instead of after seconds of stopping brokers; the broker tests then show that
     * the right settings behave as the requirement says.
     */
    private static DurabilityPlan billedClicksPlan() {
        DurabilityPlan plan = DurableTopicSettings.plan(DurabilityRequirement.BILLED_CLICKS);
        assertThat(plan.replicationFactor()).as("replication factor of the billed-clicks plan").isEqualTo(3);
        assertThat(plan.topicConfigs()).as("topic configs of the billed-clicks plan")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false");
        assertThat(String.valueOf(plan.producerConfigs().get(ProducerConfig.ACKS_CONFIG)))
                .as("acks of the billed-clicks plan").isIn("all", "-1");
        assertThat(String.valueOf(plan.producerConfigs().get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
                .as("enable.idempotence of the billed-clicks plan").isEqualTo("true");
        return plan;
    }

    private static String createTopic(KafkaFixture kafka, DurabilityPlan plan) {
        String name = kafka.topicName("ad-clicks");
        try {
            kafka.admin().createTopics(List.of(plan.newTopic(name, 1))).all().get();
        } catch (ExecutionException e) {
            throw new AssertionError("The plan's topic could not be created: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
        Topics.awaitLeaders(kafka.admin(), name, 1);
        Replication.awaitFullIsr(kafka.admin(), name);
        return name;
    }

    private static KafkaProducer<String, String> producer(KafkaFixture kafka, DurabilityPlan plan,
            Map<String, Object> timeouts) {
        Map<String, Object> config = new HashMap<>(plan.producerConfigs());
        config.putAll(timeouts);
        return kafka.producer(config, new StringSerializer(), new StringSerializer());
    }

    /** The brokers other than the partition's leader, replicas first. */
    private static List<Integer> otherBrokers(BrokerControl brokers, PartitionState partition) {
        List<Integer> others = new ArrayList<>(partition.replicas().stream().filter(id -> id != partition.leader()).toList());
        brokers.brokerIds().stream().filter(id -> !others.contains(id) && id != partition.leader()).forEach(others::add);
        return others;
    }

    private static List<String> sendAll(KafkaProducer<String, String> producer, String topic, String prefix, int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + i);
            acks.add(producer.send(new ProducerRecord<>(topic, "c-001", prefix + i)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new AssertionError("A write was refused: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
        }
        return values;
    }
}
