package dev.kafkacourse.session07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: CallbackPublisher, against the course broker, and against a producer that holds its answers back
 * ({@link HeldAnswersProducer}) to see what a broker cannot show: that nothing waits for an answer between sends.
 */
@KafkaTest
class CallbackPublisherTest {

    private static final String TOPIC = "ad-events";

    @Test
    void everyEventIsAcknowledgedWithWhereItWasWritten(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);
        List<AdEvent> events = events(1, 150);

        PublishReport report = CallbackPublisher.publishAll(producer(kafka, Map.of()), topic, events);

        assertThat(report.attempted()).isEqualTo(events.size());
        assertThat(report.failures()).isEmpty();
        assertThat(report.acknowledged()).containsOnlyKeys(ids(events));
        assertThat(report.accountsForEverything()).isTrue();
        // What the report says is where the records really are: same partition and offset, key and event time.
        for (ConsumerRecord<String, AdEvent> record : consume(kafka, topic, events.size())) {
            RecordMetadata metadata = report.acknowledged().get(record.value().eventId());
            assertThat(metadata.topic()).isEqualTo(topic);
            assertThat(metadata.partition()).isEqualTo(record.partition());
            assertThat(metadata.offset()).isEqualTo(record.offset());
            assertThat(record.key()).isEqualTo(record.value().campaignId());
            assertThat(record.timestamp()).isEqualTo(record.value().timestamp());
        }
        Map<String, Set<Integer>> partitionsPerCampaign = events.stream().collect(Collectors.groupingBy(
                AdEvent::campaignId,
                Collectors.mapping(e -> report.acknowledged().get(e.eventId()).partition(), Collectors.toSet())));
        assertThat(partitionsPerCampaign.values()).allSatisfy(partitions -> assertThat(partitions).hasSize(1));
    }

    @Test
    void refusedEventsAreReportedWithTheReasonAndTheOthersStillGoOut(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                BadEvents.smallMessageLimit());
        List<AdEvent> events = new ArrayList<>(events(2, 50));
        AdEvent oversized = BadEvents.oversized(events.get(10));       // the broker refuses it
        AdEvent blank = BadEvents.withoutCampaign(events.get(25));     // the serializer throws in send()
        AdEvent blankToo = BadEvents.withoutCampaign(events.get(40));
        events.set(10, oversized);
        events.set(25, blank);
        events.set(40, blankToo);

        PublishReport report = CallbackPublisher.publishAll(producer(kafka, Map.of()), topic, events);

        assertThat(report.attempted()).isEqualTo(events.size());
        assertThat(report.accountsForEverything()).isTrue();
        assertThat(report.failedEvents()).extracting(AdEvent::eventId)
                .containsExactlyInAnyOrder(oversized.eventId(), blank.eventId(), blankToo.eventId());
        assertThat(report.failures()).allSatisfy(failure -> {
            assertThat(failure.retriable()).isFalse();
            assertThat(failure.topic()).isEqualTo(topic);
            assertThat(failure.reason()).isNotBlank();
        });
        assertThat(failureOf(report, oversized).cause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(failureOf(report, blank).cause()).isInstanceOf(SerializationException.class);
        assertThat(failureOf(report, blankToo).cause()).isInstanceOf(SerializationException.class);
        assertThat(report.acknowledged()).hasSize(events.size() - 3);
        assertThat(consume(kafka, topic, events.size() - 3)).extracting(r -> r.value().eventId())
                .containsExactlyInAnyOrderElementsOf(report.acknowledged().keySet());
    }

    @Test
    void anUnknownTopicFailsEveryEventAsRetriable(KafkaFixture kafka) {
        String missing = kafka.topicName("not-created");
        List<AdEvent> events = events(3, 3);

        PublishReport report = CallbackPublisher.publishAll(
                producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300)), missing, events);

        assertThat(report.acknowledged()).isEmpty();
        assertThat(report.failedEvents()).extracting(AdEvent::eventId).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(report.failures()).allSatisfy(failure -> {
            assertThat(failure.retriable()).isTrue();
            assertThat(failure.cause()).isInstanceOf(TimeoutException.class);
        });
        assertThat(report.retriableFailures()).hasSize(events.size());
    }

    @Test
    void sendsEveryEventBeforeWaitingForAnyAnswer() {
        List<AdEvent> events = events(4, 40);
        HeldAnswersProducer producer = new HeldAnswersProducer();

        HeldAnswersProducer.Run<PublishReport> run = producer.callAnswering(events.size(),
                () -> CallbackPublisher.publishAll(producer, TOPIC, events));

        assertThat(run.waitedAfterSends())
                .as("publishAll sat waiting for an answer after sending %d of %d events: send them all first and"
                        + " let the callbacks collect the answers", run.waitedAfterSends(), events.size())
                .isEqualTo(-1);
        assertThat(producer.answeredBeforeEachSend())
                .as("answers already in when each event was sent (any answer before the last send means"
                        + " publishAll waited in between, e.g. a flush() or get() per event)")
                .hasSize(events.size()).containsOnly(0);
        PublishReport report = run.get();
        assertThat(report.acknowledged()).containsOnlyKeys(ids(events));
        assertThat(report.accountsForEverything()).isTrue();
    }

    @Test
    void sendReturnsBeforeTheAnswerAndTheListenerHearsEachEventExactlyOnce() {
        List<AdEvent> events = events(5, 10);
        AdEvent acknowledged = events.get(0);
        AdEvent expired = events.get(1);
        AdEvent blank = BadEvents.withoutCampaign(events.get(2));
        AdEvent afterClose = events.get(3);
        HeldAnswersProducer producer = new HeldAnswersProducer();
        Heard heard = new Heard();

        for (AdEvent event : List.of(acknowledged, expired)) {
            HeldAnswersProducer.Run<Void> run = producer.callAnswering(Integer.MAX_VALUE, () -> {
                CallbackPublisher.send(producer, TOPIC, event, heard);
                return null;
            });
            assertThat(run.waitedAfterSends())
                    .as("send waited for the broker's answer: it must return at once and let the callback tell"
                            + " the listener").isEqualTo(-1);
            run.get();
        }
        assertThat(heard.events()).as("nothing is answered yet, so the listener has heard nothing").isEmpty();
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::timestamp)
                .containsExactly(tuple(TOPIC, acknowledged.campaignId(), acknowledged.timestamp()),
                        tuple(TOPIC, expired.campaignId(), expired.timestamp()));

        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for ad-events-0: 120000 ms has passed"));
        CallbackPublisher.send(producer, TOPIC, blank, heard);         // the serializer throws inside send()
        producer.close();
        CallbackPublisher.send(producer, TOPIC, afterClose, heard);    // a closed producer throws in send()

        assertThat(heard.events()).as("every event heard exactly once, in the order the answers came")
                .containsExactly(acknowledged.eventId(), expired.eventId(), blank.eventId(), afterClose.eventId());
        assertThat(heard.acknowledged()).containsOnlyKeys(acknowledged.eventId());
        assertThat(heard.acknowledged().get(acknowledged.eventId()).topic()).isEqualTo(TOPIC);
        assertThat(heard.failures()).extracting(f -> f.event().eventId(), f -> f.cause().getClass(), SendFailure::retriable)
                .containsExactly(tuple(expired.eventId(), TimeoutException.class, true),
                        tuple(blank.eventId(), SerializationException.class, false),
                        tuple(afterClose.eventId(), IllegalStateException.class, false));
    }

    private static List<AdEvent> events(long seed, int impressions) {
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(6).build().generate()
                .distinctEvents();
    }

    private static Set<UUID> ids(List<AdEvent> events) {
        return events.stream().map(AdEvent::eventId).collect(Collectors.toSet());
    }

    private static SendFailure failureOf(PublishReport report, AdEvent event) {
        return report.failures().stream().filter(f -> f.event().eventId().equals(event.eventId())).findFirst()
                .orElseThrow();
    }

    /** A listener that keeps everything it hears, from any thread. */
    private static final class Heard implements SendListener {

        private final List<UUID> events = new CopyOnWriteArrayList<>();
        private final Map<UUID, RecordMetadata> acknowledged = new ConcurrentHashMap<>();
        private final List<SendFailure> failures = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged(AdEvent event, RecordMetadata metadata) {
            events.add(event.eventId());
            acknowledged.put(event.eventId(), metadata);
        }

        @Override
        public void failed(SendFailure failure) {
            events.add(failure.event().eventId());
            failures.add(failure);
        }

        List<UUID> events() {
            return List.copyOf(events);
        }

        Map<UUID, RecordMetadata> acknowledged() {
            return Map.copyOf(acknowledged);
        }

        List<SendFailure> failures() {
            return List.copyOf(failures);
        }
    }

    private static KafkaProducer<String, AdEvent> producer(KafkaFixture kafka, Map<String, Object> overrides) {
        return kafka.producer(overrides, new StringSerializer(), new AdEventSerializer());
    }

    private static List<ConsumerRecord<String, AdEvent>> consume(KafkaFixture kafka, String topic, int count) {
        return kafka.readFromBeginning(topic, count, new StringDeserializer(), AdEventJson.deserializer());
    }
}
