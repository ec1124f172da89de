package dev.kafkacourse.session07;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Exercise 2: SyncSender. */
@KafkaTest
class SyncSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AdEvent> events = AdEventGenerator.builder().seed(11).impressions(10).campaigns(1)
            .clickThroughRate(0).build().generate().distinctEvents();

    @Test
    void returnsWhereTheEventWasWritten(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, AdEvent> producer = producer(kafka, Map.of());

        RecordMetadata first = SyncSender.send(producer, topic, events.get(0), WAIT);
        RecordMetadata second = SyncSender.send(producer, topic, events.get(1), WAIT);

        assertThat(first.topic()).isEqualTo(topic);
        assertThat(first.offset()).isZero();
        assertThat(second.partition()).isEqualTo(first.partition());   // same campaign, same partition
        assertThat(second.offset()).isEqualTo(1);
        ConsumerRecord<String, AdEvent> record = consume(kafka, topic, 2).get(0);
        assertThat(record.partition()).isEqualTo(first.partition());
        assertThat(record.key()).isEqualTo(events.get(0).campaignId());
        assertThat(record.timestamp()).isEqualTo(events.get(0).timestamp());
        assertThat(record.value()).isEqualTo(events.get(0));
    }

    @Test
    void aRecordTheBrokerRefusesIsANonRetriableFailure(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                BadEvents.smallMessageLimit());
        AdEvent oversized = BadEvents.oversized(events.get(2));

        EventNotSentException e = catchThrowableOfType(EventNotSentException.class,
                () -> SyncSender.send(producer(kafka, Map.of()), topic, oversized, WAIT));

        assertThat(e).as("EventNotSentException").isNotNull();
        assertThat(e.eventId()).isEqualTo(oversized.eventId());
        assertThat(e.topic()).isEqualTo(topic);
        assertThat(e.retriable()).isFalse();
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e.getCause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(e.getMessage()).contains(oversized.eventId().toString(), topic, "RecordTooLargeException");
    }

    @Test
    void anUnknownTopicIsARetriableFailure(KafkaFixture kafka) {
        String missing = kafka.topicName("not-created");

        EventNotSentException e = catchThrowableOfType(EventNotSentException.class, () -> SyncSender.send(
                producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300)), missing, events.get(3), WAIT));

        assertThat(e).as("EventNotSentException").isNotNull();
        assertThat(e.retriable()).isTrue();
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(e.getMessage()).contains(events.get(3).eventId().toString(), missing, "TimeoutException");
    }

    @Test
    void aSerializerRejectionIsANonRetriableFailureAndTheProducerGoesOn(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        KafkaProducer<String, AdEvent> producer = producer(kafka, Map.of());
        AdEvent blank = BadEvents.withoutCampaign(events.get(4));

        assertThatThrownBy(() -> SyncSender.send(producer, topic, blank, WAIT))
                .isInstanceOfSatisfying(EventNotSentException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.getCause()).isInstanceOf(SerializationException.class);
                    assertThat(e.getMessage()).contains(blank.eventId().toString(), topic, "SerializationException");
                });
        assertThat(SyncSender.send(producer, topic, events.get(5), WAIT).offset()).isZero();
    }

    @Test
    void aWaitThatRunsOutIsReportedAsUnknownNotAsFailed(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        // linger.ms holds the record in the producer's buffer far longer than the caller waits.
        KafkaProducer<String, AdEvent> producer = producer(kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, 60_000));
        producer.partitionsFor(topic);   // metadata first, so only the acknowledgement is waited for

        EventNotSentException e = catchThrowableOfType(EventNotSentException.class,
                () -> SyncSender.send(producer, topic, events.get(6), Duration.ofMillis(300)));

        assertThat(e).as("EventNotSentException").isNotNull();
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.retriable()).isTrue();
        assertThat(e.eventId()).isEqualTo(events.get(6).eventId());
        assertThat(e.getMessage()).contains(events.get(6).eventId().toString(), topic, "300 ms");
        // "Unknown" was the right answer: the event is written once the buffer is sent.
        producer.flush();
        assertThat(consume(kafka, topic, 1)).extracting(ConsumerRecord::value).containsExactly(events.get(6));
    }

    @Test
    void anInterruptedWaitIsUnknownAndTheThreadStaysInterrupted(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 1);
        KafkaProducer<String, AdEvent> producer = producer(kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, 60_000));
        producer.partitionsFor(topic);   // metadata first: send() itself does not wait, only the acknowledgement does
        AdEvent event = events.get(7);

        // As a shutdown would do while the billing service waits for its acknowledgement.
        Thread.currentThread().interrupt();
        EventNotSentException e;
        boolean stillInterrupted;
        try {
            e = catchThrowableOfType(EventNotSentException.class, () -> SyncSender.send(producer, topic, event, WAIT));
        } finally {
            stillInterrupted = Thread.interrupted();   // and clear it for whatever runs next on this thread
        }

        assertThat(e).as("EventNotSentException").isNotNull();
        assertThat(e.eventId()).isEqualTo(event.eventId());
        assertThat(e.outcomeUnknown()).as("outcomeUnknown: the record is buffered and may still be written").isTrue();
        assertThat(e.retriable()).isTrue();
        assertThat(stillInterrupted)
                .as("the thread's interrupt flag after SyncSender.send: set it again, or the code that interrupted"
                        + " the thread never learns it should stop")
                .isTrue();
    }

    private static KafkaProducer<String, AdEvent> producer(KafkaFixture kafka, Map<String, Object> overrides) {
        return kafka.producer(overrides, new StringSerializer(), new AdEventSerializer());
    }

    private static List<ConsumerRecord<String, AdEvent>> consume(KafkaFixture kafka, String topic, int count) {
        return kafka.readFromBeginning(topic, count, new StringDeserializer(), AdEventJson.deserializer());
    }
}
