package dev.kafkacourse.session07;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Collectors;
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

/** Exercise 1: CallbackPublisher. */
@KafkaTest
class CallbackPublisherTest {

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

    private static KafkaProducer<String, AdEvent> producer(KafkaFixture kafka, Map<String, Object> overrides) {
        return kafka.producer(overrides, new StringSerializer(), new AdEventSerializer());
    }

    private static List<ConsumerRecord<String, AdEvent>> consume(KafkaFixture kafka, String topic, int count) {
        return kafka.readFromBeginning(topic, count, new StringDeserializer(), AdEventJson.deserializer());
    }
}
