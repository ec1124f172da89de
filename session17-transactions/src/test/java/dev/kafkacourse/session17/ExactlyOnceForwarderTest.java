package dev.kafkacourse.session17;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.session17.InjectingProducer.Injection;
import dev.kafkacourse.session17.InjectingProducer.SimulatedCrash;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: the forwarder runs as three instances in a row (same name, same group): the first has a failed commit
 * and dies right after a commit, the second dies with a transaction open. The output must hold every valid event
 * exactly once, and none of the events an upstream producer aborted.
 */
@KafkaTest
class ExactlyOnceForwarderTest {

    private static final String INSTANCE = "forwarder-1";

    @Test
    void forwardsEveryValidEventExactlyOnceThroughFailedCommitsAndCrashes(KafkaFixture kafka) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1717).impressions(300).campaigns(5)
                .malformedRate(0.02).build().generate();
        String input = kafka.createTopic("ad-events", 3);
        String output = kafka.createTopic("ad-events-clean", 3);
        List<AdEvent> phantoms = writeInputWithAnAbortedTransactionInTheMiddle(kafka, input, traffic);
        Map<String, Object> base = new HashMap<>(kafka.commonConfig());
        base.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        base.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        base.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 25);   // many small transactions
        String group = kafka.groupId("clean-events");

        // Instance 1: the commit of transaction 2 fails; it dies right after committing transaction 4.
        Instance first = Instance.start(base, group, input, output);
        first.injections.at(2, Injection.COMMIT_FAILS).at(4, Injection.CRASH_AFTER_COMMIT);
        assertThat(first.runUntilCrash()).as("instance 1 should have crashed after committing transaction 4")
                .isTrue();
        assertThat(first.failedCommits).as("the failed commit must be rethrown").isEqualTo(1);
        first.crash();

        // Instance 2: dies with transaction 2 open (outputs sent, offsets not committed).
        Instance second = Instance.start(base, group, input, output);
        second.injections.at(2, Injection.CRASH_AFTER_SEND);
        assertThat(second.runUntilCrash()).as("instance 2 should have crashed in transaction 2").isTrue();
        second.crash();

        // Instance 3, same name: starting it must fence instance 2 and abort the transaction it left open.
        Instance third = Instance.start(base, group, input, output);
        TransactionState left = kafka.admin().describeTransactions(List.of(second.transactionalId)).description(
                second.transactionalId).get().state();
        assertThat(left).as("state of the transaction the crashed instance 2 (%s) left open, after instance 3 (%s) "
                + "started: still ONGOING means nobody fenced it, and read_committed readers of the output wait "
                + "for transaction.timeout.ms", second.transactionalId, third.transactionalId)
                .isNotEqualTo(TransactionState.ONGOING);
        assertThat(third.runUntilCaughtUp()).as("instance 3 should read the input to its end").isTrue();
        third.close();

        List<ConsumerRecord<String, String>> forwarded = TopicReader.readAll(kafka.commonConfig(), output,
                IsolationLevel.READ_COMMITTED);
        Map<UUID, Long> copies = forwarded.stream().collect(Collectors.groupingBy(
                record -> AdEventJson.fromBytes(record.value().getBytes()).eventId(), Collectors.counting()));
        Set<UUID> phantomIds = phantoms.stream().map(AdEvent::eventId).collect(Collectors.toSet());
        assertThat(copies.keySet()).as("events of an aborted upstream transaction forwarded (read_committed input?)")
                .doesNotContainAnyElementsOf(phantomIds);
        Set<UUID> expected = traffic.distinctEvents().stream().map(AdEvent::eventId).collect(Collectors.toSet());
        assertThat(expected).as("valid events missing from the output").allMatch(copies::containsKey);
        assertThat(copies).as("events forwarded more than once (eventId -> copies)")
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        assertThat(forwarded).hasSize(expected.size());
        forwarded.forEach(record -> assertThat(record.key())
                .isEqualTo(AdEventJson.fromBytes(record.value().getBytes()).campaignId()));

        Map<TopicPartition, Long> committed = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        // Last data record + 1, not the high watermark: a transaction marker may sit after the last record.
        Map<TopicPartition, Long> afterLastRecord = TopicReader.readAll(kafka.commonConfig(), input,
                        IsolationLevel.READ_UNCOMMITTED).stream()
                .collect(Collectors.toMap(r -> new TopicPartition(r.topic(), r.partition()), r -> r.offset() + 1,
                        Math::max));
        assertThat(committed).as("the group's committed offsets: the next offset to read, in every partition")
                .hasSize(3).isEqualTo(afterLastRecord);
    }

    /** Half the traffic, an upstream transaction of phantom events that is aborted, the other half. */
    private static List<AdEvent> writeInputWithAnAbortedTransactionInTheMiddle(KafkaFixture kafka, String input,
            GeneratedEvents traffic) {
        List<GeneratedRecord> records = traffic.records();
        KafkaProducer<String, byte[]> plain = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(plain, input, records.subList(0, records.size() / 2));
        List<AdEvent> phantoms = AdEventGenerator.builder().seed(99).impressions(30).campaigns(5)
                .clickThroughRate(0).build().generate().distinctEvents();
        KafkaProducer<String, String> upstream = kafka.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                kafka.groupId("upstream")), new StringSerializer(), new StringSerializer());
        upstream.initTransactions();
        upstream.beginTransaction();
        phantoms.forEach(event -> upstream.send(AdEventRecords.toRecord(input, event)));
        upstream.flush();
        upstream.abortTransaction();
        AdEventRecords.sendGenerated(plain, input, records.subList(records.size() / 2, records.size()));
        return phantoms;
    }

    /** One run of the forwarder: clients built from the learner's configs, failures injected by the test. */
    private static final class Instance {
        final KafkaConsumer<String, byte[]> consumer;
        final InjectingProducer injections;
        final String transactionalId;
        final String output;
        int failedCommits;

        private Instance(KafkaConsumer<String, byte[]> consumer, InjectingProducer injections,
                String transactionalId, String output) {
            this.consumer = consumer;
            this.injections = injections;
            this.transactionalId = transactionalId;
            this.output = output;
        }

        static Instance start(Map<String, Object> base, String group, String input, String output) {
            Map<String, Object> producerConfig = ExactlyOnceForwarder.producerConfig(base, INSTANCE);
            assertThat(producerConfig).as("producer config").containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer());
            producer.initTransactions();
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                    ExactlyOnceForwarder.consumerConfig(base, group), new org.apache.kafka.common.serialization
                            .StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(input));
            return new Instance(consumer, InjectingProducer.wrap(producer),
                    String.valueOf(producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG)), output);
        }

        /** Calls forwardOnce until the simulated crash; false if the input ran out first. */
        boolean runUntilCrash() {
            return loop(false);
        }

        boolean runUntilCaughtUp() {
            return loop(true);
        }

        private boolean loop(boolean toTheEnd) {
            Producer<String, String> producer = injections.producer();
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                int forwarded;
                try {
                    forwarded = ExactlyOnceForwarder.forwardOnce(consumer, producer, output);
                } catch (SimulatedCrash crash) {
                    return !toTheEnd;
                } catch (KafkaException e) {
                    if (e.getMessage() == null || !e.getMessage().startsWith("injected")) {
                        throw e;
                    }
                    failedCommits++;
                    continue;
                }
                if (forwarded == 0 && caughtUp()) {
                    return toTheEnd;
                }
            }
            throw new AssertionError("forwardOnce did not get through the input within 40 s");
        }

        private boolean caughtUp() {
            Set<TopicPartition> assignment = consumer.assignment();
            if (assignment.isEmpty()) {
                return false;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
            return assignment.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
        }

        /**
         * The producer dies without a word: an open transaction stays open. The consumer leaves the group
         * politely, only so that the next instance gets the partitions at once (nothing commits through it).
         */
        void crash() {
            injections.real().close(Duration.ZERO);
            consumer.close();
        }

        void close() {
            consumer.close();
            injections.real().close();
        }
    }

    private static final TopicPartition P0 = new TopicPartition("ad-events", 0);
    private static final TopicPartition P1 = new TopicPartition("ad-events", 1);

    // The tests below watch the clients (MockConsumer/MockProducer): where the offsets go (into the producer's
    // transaction, never through the consumer), which offsets (last + 1), and where the consumer stands after an
    // abort. The partitions do not start at offset 0 and a malformed record is the last of its partition.
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private List<AdEvent> events;

    private void threeEventsAndOneBrokenRecord() {
        events = AdEventGenerator.builder().seed(5).impressions(3).clickThroughRate(0).build().generate()
                .distinctEvents();
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 5L, P1, 10L));
        consumer.addRecord(record(P0, 5, AdEventJson.toBytes(events.get(0))));
        consumer.addRecord(record(P0, 6, AdEventJson.toBytes(events.get(1))));
        consumer.addRecord(record(P1, 10, AdEventJson.toBytes(events.get(2))));
        consumer.addRecord(record(P1, 11, "{not json".getBytes(StandardCharsets.UTF_8)));
        producer.initTransactions();
    }

    @Test
    void theOffsetsAfterTheBatchAreCommittedInTheTransactionNotByTheConsumer() {
        threeEventsAndOneBrokenRecord();
        int forwarded = ExactlyOnceForwarder.forwardOnce(consumer, producer, "ad-events-clean");

        assertThat(forwarded).isEqualTo(3);
        assertThat(producer.history()).extracting(r -> r.value())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(AdEventJson::toJson).toList());
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.consumerGroupOffsetsHistory()).as("offsets sent to the transaction")
                .hasSize(1).first().satisfies(byGroup -> assertThat(byGroup.values()).containsExactly(
                        Map.of(P0, new OffsetAndMetadata(7), P1, new OffsetAndMetadata(12))));
        assertThat(consumer.committed(Set.of(P0, P1)).values()).as("offsets committed by the consumer itself")
                .allMatch(offset -> offset == null);
    }

    @Test
    void aFailedCommitAbortsAndPutsTheConsumerBackAtTheBatchStart() {
        threeEventsAndOneBrokenRecord();
        producer.commitTransactionException = new KafkaException("injected: commit failed");

        assertThatThrownBy(() -> ExactlyOnceForwarder.forwardOnce(consumer, producer, "ad-events-clean"))
                .isInstanceOf(KafkaException.class).hasMessageContaining("injected");

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.transactionCommitted()).isFalse();
        assertThat(consumer.position(P0)).as("position of partition 0 after the abort").isEqualTo(5);
        assertThat(consumer.position(P1)).as("position of partition 1 after the abort").isEqualTo(10);
    }

    @Test
    void anEmptyPollStartsNoTransaction() {
        MockConsumer<String, byte[]> idle = new MockConsumer<>("earliest");
        idle.assign(List.of(P0));
        idle.updateBeginningOffsets(Map.of(P0, 0L));
        producer.initTransactions();

        assertThat(ExactlyOnceForwarder.forwardOnce(idle, producer, "ad-events-clean")).isZero();
        assertThat(producer.transactionInFlight()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, byte[] value) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "c-001", value);
    }
}
