package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1 (core): the collector's gate. A MockProducer that completes sends only when the test says so shows
 * WHEN the gate answers (never before the acknowledgement) and what it does with failures and a full budget; the
 * real broker shows what lands on the topic.
 */
@KafkaTest
class IntakeGateTest {

    private static final Duration QUICK = Duration.ofSeconds(5);

    private static List<AdEvent> events(int count) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(2020).impressions(count * 2).campaigns(5)
                .startingAt(Instant.now().minus(Duration.ofMinutes(20))).build().generate();
        return traffic.distinctEvents().subList(0, count);
    }

    private static MockProducer<String, byte[]> heldProducer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void answersOnlyAfterTheProducerAcknowledgedEveryEvent() {
        MockProducer<String, byte[]> producer = heldProducer();
        IntakeGate gate = new IntakeGate(producer, "ad-events", 100);

        CompletableFuture<IntakeResult> answer = assertTimeoutPreemptively(QUICK, () -> gate.submit(events(3)));

        assertThat(producer.history()).as("the events were handed to the producer").hasSize(3);
        assertThat(answer).as("no acknowledgement yet: a 202 now would promise what Kafka has not confirmed")
                .isNotDone();
        producer.completeNext();
        producer.completeNext();
        assertThat(answer).as("2 of 3 acknowledged: still no answer").isNotDone();
        producer.completeNext();
        assertThat(answer).succeedsWithin(QUICK).isEqualTo(IntakeResult.accepted(3));
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void aFailedSendAnswersFailedAndGivesItsBudgetBack() {
        MockProducer<String, byte[]> producer = heldProducer();
        IntakeGate gate = new IntakeGate(producer, "ad-events", 3);

        CompletableFuture<IntakeResult> answer = assertTimeoutPreemptively(QUICK, () -> gate.submit(events(2)));
        assertThat(gate.inFlight()).as("2 events wait for their acknowledgement").isEqualTo(2);
        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s): 30000 ms has passed since batch creation"));

        IntakeResult result = answer.join();
        assertThat(result.status()).as("one event was not written: the client must send the request again")
                .isEqualTo(IntakeResult.Status.FAILED);
        assertThat(result.reason()).contains("Expiring 1 record");
        assertThat(gate.inFlight()).as("a failed send is no longer in flight").isZero();

        CompletableFuture<IntakeResult> next = assertTimeoutPreemptively(QUICK, () -> gate.submit(events(3)));
        assertThat(next.isDone() && next.join().status() == IntakeResult.Status.BUSY)
                .as("after the failure the whole budget of 3 is free again, not BUSY").isFalse();
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        assertThat(next).succeedsWithin(QUICK).isEqualTo(IntakeResult.accepted(3));
    }

    @Test
    void overTheBudgetAnswersBusyAtOnceAndSendsNothing() {
        MockProducer<String, byte[]> producer = heldProducer();
        IntakeGate gate = new IntakeGate(producer, "ad-events", 5);
        CompletableFuture<IntakeResult> first = gate.submit(events(4));

        CompletableFuture<IntakeResult> second = assertTimeoutPreemptively(QUICK, () -> gate.submit(events(2)),
                "a full gate must answer at once (429), not wait for room");

        assertThat(second).as("4 of 5 in flight, 2 more do not fit").isCompletedWithValueMatching(
                r -> r.status() == IntakeResult.Status.BUSY, "BUSY");
        assertThat(producer.history()).as("a BUSY request sends none of its events").hasSize(4);
        assertThat(gate.inFlight()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            producer.completeNext();
        }
        assertThat(first).succeedsWithin(QUICK).isEqualTo(IntakeResult.accepted(4));
        assertThat(gate.submit(events(2))).as("room again after the acknowledgements").isNotCompleted();
    }

    @Test
    void onTheBrokerEveryEventIsThereWhenTheAnswerComesKeyedByItsCampaign(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events", 3);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 200);   // a batch waits: an early answer would come too soon
        KafkaProducer<String, byte[]> producer = kafka.producer(config, new StringSerializer(),
                new ByteArraySerializer());
        IntakeGate gate = new IntakeGate(producer, topic, 1_000);
        List<AdEvent> events = events(60);

        IntakeResult result = gate.submit(events).get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(IntakeResult.accepted(60));
        List<ConsumerRecord<String, byte[]>> written = kafka.readToEnd(topic, new StringDeserializer(),
                new ByteArrayDeserializer());
        assertThat(written).as("every accepted event is on the topic when the answer comes").hasSize(60);
        Map<String, Integer> partitionOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : written) {
            AdEvent event = AdEventJson.fromBytes(record.value());
            assertThat(record.key()).as("key = campaignId, so a campaign's events stay together and in order")
                    .isEqualTo(event.campaignId());
            assertThat(partitionOf.computeIfAbsent(record.key(), k -> record.partition()))
                    .as("all of campaign %s in one partition", record.key()).isEqualTo(record.partition());
        }
        assertThat(written.stream().map(r -> AdEventJson.fromBytes(r.value())).toList())
                .containsExactlyInAnyOrderElementsOf(events);
    }
}
