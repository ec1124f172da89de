package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: CommitOnRevokeListener. The members here count every record but never commit by themselves: the
 * listener's commit on revocation is the only thing that tells a partition's next owner where to start.
 */
@KafkaTest
class CommitOnRevokeListenerTest {

    @Test
    void revocationCommitsThePendingOffsetsOfTheRevokedPartitionsOnly(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("ad-stats");
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(group, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(tp(topic, 0), tp(topic, 1), tp(topic, 2)));
        PendingOffsets pending = new PendingOffsets();
        pending.processed(tp(topic, 0), 10);
        pending.processed(tp(topic, 1), 20);
        pending.processed(tp(topic, 2), 5);

        new CommitOnRevokeListener(consumer, pending).onPartitionsRevoked(List.of(tp(topic, 0), tp(topic, 1)));

        assertThat(Offsets.committed(kafka.admin(), group)).as("committed offsets")
                .isEqualTo(Map.of(tp(topic, 0), 10L, tp(topic, 1), 20L));
        assertThat(pending.all()).as("still pending").containsOnlyKeys(tp(topic, 2));
    }

    @Test
    void lostPartitionsAreForgottenWithoutACommit(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 2);
        String group = kafka.groupId("ad-stats");
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(group, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(tp(topic, 0), tp(topic, 1)));
        PendingOffsets pending = new PendingOffsets();
        pending.processed(tp(topic, 0), 7);
        pending.processed(tp(topic, 1), 9);

        new CommitOnRevokeListener(consumer, pending).onPartitionsLost(List.of(tp(topic, 0)));

        assertThat(Offsets.committed(kafka.admin(), group)).as("committed offsets").isEmpty();
        assertThat(pending.all()).as("still pending").containsOnlyKeys(tp(topic, 1));
    }

    @Test
    void aMemberJoiningUnderRangeNeitherRepeatsNorLosesAnEvent(KafkaFixture kafka) {
        memberJoins(kafka, Strategy.RANGE);
    }

    @Test
    void aMemberJoiningUnderCooperativeStickyNeitherRepeatsNorLosesAnEvent(KafkaFixture kafka) {
        memberJoins(kafka, Strategy.COOPERATIVE_STICKY);
    }

    /** m1 counts the first half alone; m2 joins; the second half arrives; the two shares must add up exactly. */
    private static void memberJoins(KafkaFixture kafka, Strategy strategy) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(803).impressions(900).campaigns(8).build()
                .generate();
        List<GeneratedRecord> records = traffic.records();
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("ad-stats");
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());

        List<Member> members = new ArrayList<>();
        try {
            members.add(new Member(kafka, group, "m1", strategy, topic));
            await("m1 owns all partitions", members, () -> members.get(0).assignment.size() == 3);
            AdEventRecords.sendGenerated(producer, topic, records.subList(0, records.size() / 2));
            Map<TopicPartition, Long> half = Offsets.end(kafka.admin(), topic);
            assertThat(half.values()).as("every partition has events in the first half").allMatch(end -> end > 0);
            await("m1 counted the first half", members, () -> readToEnd(members, half));

            members.add(new Member(kafka, group, "m2", strategy, topic));
            await("m1 and m2 share the partitions", members, () -> members.get(1).assignment.size() > 0
                    && members.get(0).assignment.size() + members.get(1).assignment.size() == 3);
            AdEventRecords.sendGenerated(producer, topic, records.subList(records.size() / 2, records.size()));
            Map<TopicPartition, Long> end = Offsets.end(kafka.admin(), topic);
            await("the group read everything", members, () -> readToEnd(members, end));
        } finally {
            // Stopping closes each consumer on its own thread, which commits on revocation one last time.
            members.forEach(Member::stop);
        }

        assertThat(members.get(1).totals.events()).as("events m2 counted").isPositive();
        assertThat(members.stream().mapToLong(m -> m.totals.events()).sum()).as("events counted by the group")
                .isEqualTo(traffic.distinctEvents().size());
        assertThat(CampaignTotals.merge(members.stream().map(m -> m.totals.snapshot()).toList()))
                .as("per-campaign totals of the group").isEqualTo(traffic.expectedStats());
    }

    private static boolean readToEnd(List<Member> members, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> members.stream().anyMatch(member ->
                member.assignment.contains(end.getKey())
                        && member.positions.getOrDefault(end.getKey(), -1L) >= end.getValue()));
    }

    /** Waits for {@code condition}; a member whose poll loop died fails the test at once, with the root cause. */
    private static void await(String what, List<Member> members, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("a member's poll loop failed",
                            () -> members.stream().anyMatch(member -> member.failure != null))
                    .until(condition);
        } catch (TerminalFailureException e) {
            Throwable failure = members.stream().map(member -> member.failure).filter(Objects::nonNull)
                    .findFirst().orElse(e);
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // The listener runs inside poll(), which wraps what it throws: the root says what went wrong.
            throw new AssertionError("A member's poll loop failed while waiting until " + what + ": " + root,
                    failure);
        }
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    /**
     * A group member on its own thread that counts every record and marks it pending, but never commits: only the
     * listener under test does.
     */
    private static final class Member {
        final CampaignTotals totals = new CampaignTotals();
        volatile Set<TopicPartition> assignment = Set.of();
        volatile Map<TopicPartition, Long> positions = Map.of();
        volatile Throwable failure;
        private volatile boolean stopping;
        private final Thread thread;

        Member(KafkaFixture kafka, String group, String name, Strategy strategy, String topic) {
            Map<String, Object> config = new HashMap<>(Members.config(kafka, group, name, strategy));
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer());
            PendingOffsets pending = new PendingOffsets();
            consumer.subscribe(List.of(topic), new CommitOnRevokeListener(consumer, pending));
            thread = new Thread(() -> loop(consumer, pending), "member-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop(KafkaConsumer<String, byte[]> consumer, PendingOffsets pending) {
            try {
                while (!stopping) {
                    Map<String, CampaignStats> delta = new TreeMap<>();
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        AdEvent event = AdEventJson.fromBytes(record.value());
                        delta.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
                        pending.processed(record);
                    }
                    totals.apply(delta);
                    assignment = Set.copyOf(consumer.assignment());
                    Map<TopicPartition, Long> known = new HashMap<>();
                    for (TopicPartition partition : new HashSet<>(assignment)) {
                        known.put(partition, consumer.position(partition));
                    }
                    positions = known;
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                try {
                    consumer.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }

        void stop() {
            stopping = true;
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
