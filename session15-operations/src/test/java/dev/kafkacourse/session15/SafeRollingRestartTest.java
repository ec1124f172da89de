package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Exercise 1: SafeRollingRestart on a 3-broker cluster while a producer writes (acks=all, idempotent,
 * min.insync.replicas=2). Every stop is checked at the moment it is asked for, the cluster right after the
 * procedure returns, and the topic's content against the generator's exact count.
 */
@KafkaTest(brokers = 3, brokerProperties = RollingRestartLab.QUOTA_WINDOWS, needsBrokerControl = true,
        sharedAcrossClasses = true)
@ResourceLock(SafeRollingRestartTest.BROKER_RESTARTS)
@Order(1)   // the longest chain of the module's tests: started first when classes run side by side
class SafeRollingRestartTest {

    /** Held by every class that stops this shared cluster's brokers: never two of them at once. */
    static final String BROKER_RESTARTS = "session15-three-broker-restarts";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Catch-up replication capped, so a restarted broker stays out of the ISR for a while, as on a loaded cluster. */
    private static final long CATCH_UP_BYTES_PER_SECOND = 400_000;
    /** Written while a broker is down, so it needs seconds of catch-up before it is back in the ISR. */
    private static final int BACKLOG_BYTES = 1_600_000;
    private ClusterBrokers brokers;

    @BeforeEach
    void restartedBrokersCatchUpSlowly(KafkaFixture kafka) {
        ReplicationThrottle.setRate(kafka.admin(), new ClusterBrokers(kafka.cluster()).brokerIds(),
                CATCH_UP_BYTES_PER_SECOND);
    }

    /** The brokers as the procedure sees them: busy while one is down, every stop checked. */
    private RecordingBrokers brokersUnderTest(KafkaFixture kafka) {
        brokers = new ClusterBrokers(kafka.cluster());
        String backlog = kafka.createTopic("bulk-import", 6, (short) 3, topicConfigs());
        BrokerRestarter busy = new BusyWhileDown(brokers, kafka.producer(BusyWhileDown.fillerProducer(),
                new StringSerializer(), new StringSerializer()), backlog, BACKLOG_BYTES);
        return new RecordingBrokers(busy, kafka.admin());
    }

    private static Map<String, String> topicConfigs() {
        Map<String, String> configs = new java.util.HashMap<>(ReplicationThrottle.allReplicasThrottled());
        configs.put("min.insync.replicas", "2");
        return configs;
    }

    @AfterEach
    void leaveAWholeCluster(KafkaFixture kafka) {
        if (brokers != null) {
            brokers.close();
            Awaitility.await("every partition back in sync after the test").atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ClusterState.underReplicated(kafka.admin()).isEmpty());
        }
        // The cluster is shared with the lab test (sharedAcrossClasses): leave it without this test's throttle.
        ReplicationThrottle.clearRate(kafka.admin(), new ClusterBrokers(kafka.cluster()).brokerIds());
    }

    @Test
    void restartsEveryBrokerOnceStoppingOnlyWhenAllReplicasAreInSyncAndLosesNothing(KafkaFixture kafka) {
        RecordingBrokers recording = brokersUnderTest(kafka);
        List<String> topics = new ArrayList<>();
        for (String base : List.of("ad-events", "ad-clicks")) {
            topics.add(kafka.createTopic(base, 6, (short) 3, topicConfigs()));
        }
        List<AdEvent> events = AdEventGenerator.builder().seed(1515).impressions(12_000).clickThroughRate(0.05)
                .build().generate().distinctEvents();
        List<Integer> order = brokers.brokerIds();

        SteadyTraffic.Report report;
        try (SteadyTraffic traffic = new SteadyTraffic(kafka.producer(SteadyTraffic.durableProducer(),
                new StringSerializer(), new StringSerializer()), topics.get(0), events).start()) {
            new SafeRollingRestart(kafka.admin(), recording, TIMEOUT).restartAll(order);
            assertThat(ClusterState.underReplicated(kafka.admin()))
                    .as("partitions not fully in sync right after restartAll returned (the last broker too must be"
                            + " back in every ISR)").isEmpty();
            report = traffic.finish();
        }

        List<String> expectedCalls = order.stream().flatMap(id -> java.util.stream.Stream.of("stop " + id,
                "start " + id)).toList();
        assertThat(recording.calls()).as("one broker at a time, each once, in the given order")
                .containsExactlyElementsOf(expectedCalls);
        assertThat(report.failed()).as("failed sends (first: %s)", report.firstError()).isZero();
        List<ConsumerRecord<String, String>> written = kafka.readToEnd(topics.get(0), new StringDeserializer(),
                new StringDeserializer());
        Set<UUID> distinct = written.stream()
                .map(r -> AdEventJson.fromBytes(r.value().getBytes(StandardCharsets.UTF_8)).eventId())
                .collect(Collectors.toSet());
        assertThat(distinct).as("distinct events on the topic").hasSize(events.size());
        assertThat(written).as("records on the topic (duplicates would make more)").hasSize(events.size());
    }

    @Test
    void restartsOnlyTheBrokersItIsGivenAndWaitsForTheLastOne(KafkaFixture kafka) {
        RecordingBrokers recording = brokersUnderTest(kafka);
        String topic = kafka.createTopic("ad-stats", 12, (short) 3, topicConfigs());
        List<AdEvent> events = AdEventGenerator.builder().seed(1516).impressions(12_000).clickThroughRate(0)
                .build().generate().distinctEvents();
        int last = brokers.brokerIds().get(1);

        try (SteadyTraffic traffic = new SteadyTraffic(kafka.producer(SteadyTraffic.durableProducer(),
                new StringSerializer(), new StringSerializer()), topic, events).start()) {
            new SafeRollingRestart(kafka.admin(), recording, TIMEOUT).restartAll(List.of(last));
            List<PartitionState> notBack = ClusterState.allPartitions(kafka.admin()).stream()
                    .filter(p -> p.replicas().contains(last) && !p.isr().contains(last)).toList();
            assertThat(notBack).as("partitions whose ISR lacked broker %d when restartAll returned", last).isEmpty();
            assertThat(traffic.finish().failed()).isZero();
        }
        assertThat(recording.calls()).containsExactly("stop " + last, "start " + last);
    }
}
