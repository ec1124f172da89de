package dev.kafkacourse.session07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The pipeline piece: AdEventProducer's send styles, error classification and report. */
@KafkaTest
class AdEventProducerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AdEvent> events = AdEventGenerator.builder().seed(12).impressions(60).campaigns(5).build()
            .generate().distinctEvents();

    @Test
    void everySendStyleWritesTheEventKeyedByCampaignWithItsEventTime(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);
        List<CompletableFuture<SendOutcome>> async;
        SendOutcome sync;
        SendReport report;
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            events.subList(0, 20).forEach(producer::fireAndForget);
            async = events.subList(20, events.size() - 1).stream().map(producer::sendAsync).toList();
            sync = producer.sendAndWait(events.get(events.size() - 1), WAIT);
            producer.flush();
            report = producer.report();
        }

        assertThat(sync.status()).isEqualTo(SendOutcome.Status.SENT);
        assertThat(sync.metadata().topic()).isEqualTo(topic);
        assertThat(async).allSatisfy(f -> assertThat(f.join().isSent()).isTrue());
        assertThat(report.attempted()).isEqualTo(events.size());
        assertThat(report.acknowledged()).isEqualTo(events.size());
        assertThat(report.failed()).isZero();
        assertThat(report.pending()).isZero();
        List<ConsumerRecord<String, AdEvent>> records = consume(kafka, topic, events.size());
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(events);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().campaignId());
            assertThat(r.timestamp()).isEqualTo(r.value().timestamp());
        });
    }

    @Test
    void aRecordTheBrokerRefusesFailsNonRetriablyAndIsReported(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                BadEvents.smallMessageLimit());
        Queue<SendFailure> heard = new ConcurrentLinkedQueue<>();
        AdEvent oversized = BadEvents.oversized(events.get(0));
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic, new AdEventSerializer(),
                heard::add)) {
            SendOutcome outcome = producer.sendAsync(oversized).join();

            assertThat(outcome.status()).isEqualTo(SendOutcome.Status.FAILED);
            assertThat(outcome.failure().cause()).isInstanceOf(RecordTooLargeException.class);
            assertThat(outcome.failure().retriable()).isFalse();
            assertThat(outcome.failure().event()).isEqualTo(oversized);
            assertThat(producer.sendAndWait(events.get(1), WAIT).isSent()).isTrue();
            assertThat(producer.report().failed()).isEqualTo(1);
            assertThat(producer.report().nonRetriableFailures()).extracting(f -> f.event().eventId())
                    .containsExactly(oversized.eventId());
        }
        assertThat(heard).extracting(f -> f.event().eventId()).containsExactly(oversized.eventId());
    }

    @Test
    void aSerializerRejectionIsReportedNotThrownEvenWhenFiredAndForgotten(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        AdEvent blank = BadEvents.withoutCampaign(events.get(2));
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            producer.fireAndForget(blank);
            producer.fireAndForget(events.get(3));
            producer.flush();

            SendReport report = producer.report();
            assertThat(report.attempted()).isEqualTo(2);
            assertThat(report.acknowledged()).isEqualTo(1);
            assertThat(report.nonRetriableFailures()).singleElement().satisfies(failure -> {
                assertThat(failure.cause()).isInstanceOf(SerializationException.class);
                assertThat(failure.reason()).contains("blank campaignId");
                assertThat(failure.toString()).contains(blank.eventId().toString(), topic, "NON-RETRIABLE");
            });
        }
    }

    @Test
    void anUnknownTopicFailsRetriablyAfterMaxBlockMs(KafkaFixture kafka) {
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        String missing = kafka.topicName("not-created");
        try (AdEventProducer producer = new AdEventProducer(config, missing)) {
            SendOutcome outcome = producer.sendAndWait(events.get(4), WAIT);

            assertThat(outcome.status()).isEqualTo(SendOutcome.Status.FAILED);
            assertThat(outcome.failure().retriable()).isTrue();
            assertThat(outcome.failure().cause()).isInstanceOf(TimeoutException.class);
            assertThat(outcome.failure().reason()).contains(missing);
            assertThat(producer.report().retriableFailures()).hasSize(1);
        }
    }

    @Test
    void aWaitThatRunsOutIsUnconfirmedAndTheReportCatchesUp(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
        try (AdEventProducer producer = new AdEventProducer(config, topic)) {
            SendOutcome outcome = producer.sendAndWait(events.get(5), Duration.ofMillis(200));

            assertThat(outcome.status()).isEqualTo(SendOutcome.Status.UNCONFIRMED);
            assertThat(producer.report().pending()).isEqualTo(1);
            producer.flush();
            assertThat(producer.report().acknowledged()).isEqualTo(1);
            assertThat(producer.report().pending()).isZero();
        }
        assertThat(consume(kafka, topic, 1)).extracting(ConsumerRecord::value).containsExactly(events.get(5));
    }

    @Test
    void aThrowingCallbackDoesNotStopTheOthers(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        Queue<SendOutcome> outcomes = new ConcurrentLinkedQueue<>();
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            producer.send(events.get(6), outcome -> {
                throw new IllegalStateException("a buggy callback");
            });
            producer.send(events.get(7), outcomes::add);
            producer.flush();
            await().atMost(WAIT).until(() -> outcomes.size() == 1);
            assertThat(outcomes.peek().isSent()).isTrue();
            assertThat(producer.report().acknowledged()).isEqualTo(2);
        }
    }

    @Test
    void aSendAfterCloseIsReportedAsFailed(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic);
        producer.close();

        SendOutcome outcome = producer.sendAsync(events.get(8)).join();

        assertThat(outcome.status()).isEqualTo(SendOutcome.Status.FAILED);
        assertThat(outcome.failure().cause()).isInstanceOf(IllegalStateException.class);
        assertThat(producer.report().failed()).isEqualTo(1);
    }

    @Test
    void aMissingTopicOrBootstrapServersIsAClearConfigError(KafkaFixture kafka) {
        assertThatThrownBy(() -> new AdEventProducer(kafka.producerConfig(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> new AdEventProducer(Map.of("acks", "all"), "ad-events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void failuresAreClassifiedByKafkasRetriableExceptionEvenWhenWrapped() {
        AdEvent event = events.get(9);
        SendFailure wrapped = SendFailure.of(event, "ad-events", new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.NotLeaderOrFollowerException("leader moved")));
        SendFailure tooLarge = SendFailure.of(event, "ad-events", new RecordTooLargeException("too large"));

        assertThat(wrapped.retriable()).isTrue();
        assertThat(wrapped.error()).isEqualTo("NotLeaderOrFollowerException");
        assertThat(tooLarge.retriable()).isFalse();
    }

    private static List<ConsumerRecord<String, AdEvent>> consume(KafkaFixture kafka, String topic, int count) {
        KafkaConsumer<String, AdEvent> consumer = kafka.consumer(kafka.groupId("check"), new StringDeserializer(),
                AdEventJson.deserializer());
        consumer.subscribe(List.of(topic));
        return Consume.records(consumer, count);
    }
}
