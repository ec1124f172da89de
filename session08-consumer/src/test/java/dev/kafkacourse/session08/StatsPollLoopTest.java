package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.kafka.Sends;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Exercise 1: StatsPollLoop.pollOnce, checked against the generator's exact counts and the group's offsets. */
@KafkaTest
class StatsPollLoopTest {

    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void countsEveryEventOnceSkipsMalformedRecordsAndCommitsToTheEnd(KafkaFixture kafka) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(801).impressions(600).campaigns(6)
                .malformedRate(0.02).build().generate();
        String topic = produce(kafka, traffic);
        // Each partition ends with a record that is not an event (a null value on partition 0): no valid event
        // follows it, so only a commit that includes skipped records reaches the end.
        int trailing = endEachPartitionWithAnInvalidRecord(kafka, topic);
        String group = kafka.groupId("ad-stats");
        KafkaConsumer<String, byte[]> consumer = consumer(kafka, group, topic, 500);
        CampaignTotals totals = new CampaignTotals();
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);

        int[] eventsAndSkipped = new int[2];
        Map<TopicPartition, Long> reportedCommits = new HashMap<>();
        pollUntil(() -> {
            PollOutcome outcome = StatsPollLoop.pollOnce(consumer, totals, POLL);
            eventsAndSkipped[0] += outcome.events();
            eventsAndSkipped[1] += outcome.skipped();
            outcome.committed().forEach((tp, offset) -> reportedCommits.merge(tp, offset.offset(), Math::max));
            return readToEnd(consumer, ends);
        });

        assertThat(totals.snapshot()).as("per-campaign totals").isEqualTo(traffic.expectedStats());
        assertThat(eventsAndSkipped[0]).as("events reported").isEqualTo(traffic.distinctEvents().size());
        assertThat(eventsAndSkipped[1]).as("malformed records skipped")
                .isEqualTo(traffic.count(GeneratedRecord.Kind.MALFORMED) + trailing);
        assertThat(Offsets.committed(kafka.admin(), group)).as("the group's committed offsets, malformed "
                + "records included").isEqualTo(ends);
        assertThat(reportedCommits).as("the offsets pollOnce reported as committed").isEqualTo(ends);

        long applies = totals.applies();
        PollOutcome idle = StatsPollLoop.pollOnce(consumer, totals, POLL);
        assertThat(idle).as("a poll that returns nothing").isEqualTo(PollOutcome.NOTHING);
        assertThat(totals.applies()).as("sink calls after an empty poll").isEqualTo(applies);
    }

    @Test
    void aStoreFailureCommitsNothingOfThatPollSoARestartCountsExactly(KafkaFixture kafka) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(802).impressions(600).campaigns(6).build()
                .generate();
        String topic = produce(kafka, traffic);
        String group = kafka.groupId("ad-stats");
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);

        // The store is the part that survives a crash; its third write fails, like a database going away.
        CampaignTotals store = new CampaignTotals();
        AtomicInteger writes = new AtomicInteger();
        RuntimeException storeDown = new IllegalStateException("stats store unavailable");
        StatsSink failingOnThirdWrite = delta -> {
            if (writes.incrementAndGet() == 3) {
                throw storeDown;
            }
            store.apply(delta);
        };
        KafkaConsumer<String, byte[]> first = consumer(kafka, group, topic, 50);
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        pollUntil(() -> {
            try {
                StatsPollLoop.pollOnce(first, failingOnThirdWrite, POLL);
                return false;
            } catch (IllegalStateException e) {
                thrown.set(e);
                return true;
            }
        });
        assertThat(thrown.get()).as("the store's exception is let out").isSameAs(storeDown);
        long committed = Offsets.committed(kafka.admin(), group).values().stream().mapToLong(Long::longValue)
                .sum();
        assertThat(committed).as("records committed when the store failed = events stored before it failed")
                .isEqualTo(store.events());
        first.close();

        // The restarted member starts at the committed offsets: nothing is lost and nothing is counted twice.
        KafkaConsumer<String, byte[]> second = consumer(kafka, group, topic, 50);
        pollUntil(() -> {
            StatsPollLoop.pollOnce(second, store, POLL);
            return readToEnd(second, ends);
        });
        assertThat(store.snapshot()).as("totals after the restart").isEqualTo(traffic.expectedStats());
        assertThat(Offsets.committed(kafka.admin(), group)).isEqualTo(ends);
    }

    private static String produce(KafkaFixture kafka, GeneratedEvents traffic) {
        String topic = kafka.createTopic("ad-events", 3);
        AdEventRecords.sendGenerated(kafka.producer(new StringSerializer(), new ByteArraySerializer()), topic,
                traffic.records());
        return topic;
    }

    private static int endEachPartitionWithAnInvalidRecord(KafkaFixture kafka, String topic) {
        List<ProducerRecord<String, byte[]>> invalid = List.of(
                new ProducerRecord<>(topic, 0, "c-001", null),
                new ProducerRecord<>(topic, 1, "c-002", "{\"type\":\"VIEW\"}".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(topic, 2, "c-003", "not json".getBytes(StandardCharsets.UTF_8)));
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), invalid);
        return invalid.size();
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaFixture kafka, String group, String topic,
            int maxPollRecords) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(group, Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** All partitions assigned and read up to the end offsets known before reading. */
    private static boolean readToEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return consumer.assignment().equals(ends.keySet())
                && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static void pollUntil(java.util.concurrent.Callable<Boolean> turn) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(turn);
    }
}
