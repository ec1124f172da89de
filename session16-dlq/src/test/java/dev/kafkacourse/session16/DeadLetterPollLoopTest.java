package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Offsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Exercise 1: poison pills go to the DLQ exactly once with every header, the rest is processed, nothing stops. */
@KafkaTest
class DeadLetterPollLoopTest {

    private static final int PARTITIONS = 3;
    private static final Duration POLL = Duration.ofMillis(200);

    @Test
    void everyBadRecordIsDeadLetteredExactlyOnceAndEveryGoodOneProcessed(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String dlq = kafka.createTopic("ad-events-dlq", PARTITIONS);
        PoisonPillTraffic traffic = PoisonPillTraffic.generate(topic, PARTITIONS, 800, 0.05, 16);
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), traffic.records());
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);

        String group = kafka.groupId("dlq-loop");
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> processedTwice = new ArrayList<>();
        AdEventValidator validator = new AdEventValidator(traffic.knownCampaigns());
        RecordProcessor processor = record -> {
            validator.validate(record.value());
            if (!processed.add(origin(record))) {
                processedTwice.add(origin(record));
            }
        };
        KafkaProducer<String, byte[]> dlqProducer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        DeadLetterTarget target = new DeadLetterTarget(dlq, group);

        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, group)) {
            consumer.subscribe(List.of(topic));
            await("the group's committed offsets reach the end of every partition " + ends)
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
                        PollOutcome outcome = DeadLetterPollLoop.pollOnce(consumer, dlqProducer, processor, target, POLL);
                        return outcome == PollOutcome.NOTHING
                                && ReadToEnd.committed(kafka.admin(), group, topic).equals(ends);
                    });
        }
        // A restart of the group finds nothing left to do: no record is processed or dead-lettered twice.
        try (KafkaConsumer<String, byte[]> restarted = consumer(kafka, group)) {
            restarted.subscribe(List.of(topic));
            for (int i = 0; i < 5; i++) {
                assertThat(DeadLetterPollLoop.pollOnce(restarted, dlqProducer, processor, target, POLL).records())
                        .as("records polled again after a restart of the group").isZero();
            }
        }

        List<DeadLetter> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = consumer(kafka, kafka.groupId("dlq-reader"))) {
            for (ConsumerRecord<String, byte[]> record : ReadToEnd.read(reader, kafka.admin(), dlq, Duration.ofSeconds(20))) {
                deadLetters.add(DeadLetters.read(record));   // fails naming any missing header
            }
        }
        List<String> origins = deadLetters.stream().map(DeadLetter::origin).toList();
        assertThat(origins).as("each bad record in the DLQ exactly once").doesNotHaveDuplicates().hasSize(traffic.bad());
        assertThat(processedTwice).as("records processed twice").isEmpty();
        assertThat(processed).as("good records processed").hasSize(traffic.good());
        Set<String> all = new HashSet<>(processed);
        all.addAll(origins);
        assertThat(all).as("processed + dead-lettered = every offset of the topic, no overlap")
                .hasSize(traffic.records().size());
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.originalTopic()).isEqualTo(topic);
            assertThat(letter.consumerGroup()).isEqualTo(group);
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.exceptionClass()).isEqualTo(InvalidEventException.class.getName());
            assertThat(letter.stackTrace()).contains("InvalidEventException");
        });
        assertThat(deadLetters).extracting(DeadLetter::reason).contains(FailureKind.MALFORMED_JSON,
                FailureKind.SCHEMA_VIOLATION, FailureKind.BUSINESS_RULE);
        // The last record of every partition is bad: the commit must still move past it.
        for (TopicPartition partition : ends.keySet()) {
            assertThat(origins).contains(topic + "-" + partition.partition() + "@" + (ends.get(partition) - 1));
        }
    }

    @Test
    void theDeadLetterKeepsTheOriginalKeyValueAndCoordinates() {
        MockConsumer<String, byte[]> consumer = mockConsumer(List.of(
                record(0, 7, "c-001", "{not json"),
                record(1, 3, null, "also not json")));
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        Instant now = Instant.parse("2026-12-02T04:00:00Z");
        DeadLetterTarget target = new DeadLetterTarget("dlq", "g-1", Clock.fixed(now, ZoneOffset.UTC));

        PollOutcome outcome = DeadLetterPollLoop.pollOnce(consumer, producer, failing(), target, POLL);

        assertThat(outcome.deadLettered()).isEqualTo(2);
        assertThat(producer.history()).hasSize(2).allSatisfy(letter -> assertThat(letter.topic()).isEqualTo("dlq"));
        var first = producer.history().stream().filter(letter -> "c-001".equals(letter.key())).findFirst().orElseThrow();
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(DeadLetters.text(first.headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("7");
        assertThat(DeadLetters.text(first.headers(), DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.text(first.headers(), DeadLetters.FAILED_AT)).isEqualTo(now.toString());
        assertThat(DeadLetters.text(first.headers(), DeadLetters.CONSUMER_GROUP)).isEqualTo("g-1");
        var second = producer.history().stream().filter(letter -> letter.key() == null).findFirst().orElseThrow();
        assertThat(DeadLetters.text(second.headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("3");
        assertThat(consumer.committed(Set.of(tp(0), tp(1)))).containsEntry(tp(0), new OffsetAndMetadata(8))
                .containsEntry(tp(1), new OffsetAndMetadata(4));
    }

    @Test
    void theSourceIsCommittedOnlyAfterTheBrokerConfirmedTheDeadLetters() {
        MockConsumer<String, byte[]> consumer = mockConsumer(List.of(
                record(0, 0, "c-001", "{bad"), record(0, 1, "c-001", "{\"ok\":1}"), record(0, 2, "c-001", "{bad")));
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        RecordProcessor processor = record -> {
            if (new String(record.value(), StandardCharsets.UTF_8).startsWith("{bad")) {
                throw new InvalidEventException(FailureKind.MALFORMED_JSON, "bad");
            }
        };
        DeadLetterTarget target = new DeadLetterTarget("dlq", "g-1");

        CompletableFuture<PollOutcome> turn = CompletableFuture.supplyAsync(
                () -> DeadLetterPollLoop.pollOnce(consumer, producer, processor, target, POLL));
        await("both dead letters sent").atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        // One dead letter is still unconfirmed: committing now would lose it if the send then failed.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !turn.isDone());
        assertThat(consumer.committed(Set.of(tp(0)))).as("committed before the DLQ confirmed the dead letters")
                .isEmpty();
        producer.completeNext();
        assertThat(turn.join().committed()).containsEntry(tp(0), new OffsetAndMetadata(3));
        assertThat(consumer.committed(Set.of(tp(0)))).containsEntry(tp(0), new OffsetAndMetadata(3));
    }

    @Test
    void aFailedDeadLetterCommitsNothing() {
        MockConsumer<String, byte[]> consumer = mockConsumer(List.of(record(0, 0, "c-001", "{bad")));
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        CompletableFuture<PollOutcome> turn = CompletableFuture.supplyAsync(() -> DeadLetterPollLoop.pollOnce(
                consumer, producer, failing(), new DeadLetterTarget("dlq", "g-1"), POLL));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("DLQ unavailable"));

        assertThatThrownBy(turn::join).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThat(consumer.committed(Set.of(tp(0)))).as("committed although the dead letter was lost").isEmpty();
    }

    private static RecordProcessor failing() {
        return record -> {
            throw new InvalidEventException(FailureKind.MALFORMED_JSON, "not JSON");
        };
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaFixture kafka, String group) {
        return kafka.consumer(group, Map.of("enable.auto.commit", false), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String origin(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static MockConsumer<String, byte[]> mockConsumer(List<ConsumerRecord<String, byte[]>> records) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(tp(0), tp(1)));
        Map<TopicPartition, Long> beginning = new HashMap<>();
        beginning.put(tp(0), 0L);
        beginning.put(tp(1), 0L);
        consumer.updateBeginningOffsets(beginning);
        consumer.seek(tp(0), records.stream().filter(r -> r.partition() == 0).mapToLong(ConsumerRecord::offset).min().orElse(0));
        consumer.seek(tp(1), records.stream().filter(r -> r.partition() == 1).mapToLong(ConsumerRecord::offset).min().orElse(0));
        records.forEach(consumer::addRecord);
        return consumer;
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, String key, String value) {
        return new ConsumerRecord<>("ad-events", partition, offset, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition("ad-events", partition);
    }
}
