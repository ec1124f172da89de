package dev.kafkacourse.session06;

import dev.kafkacourse.support.kafka.Offsets;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.EventType;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Exercise 1: TypeCountingListener, inside the real app (custom container factory: 3 threads, batches, manual
 * acknowledgement) on the course broker. Committed offsets are read back from Kafka with Admin.
 */
@KafkaTest
class TypeCountingListenerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @Test
    void countsEveryEventByTypeAndCommitsWhatItCounted(KafkaFixture kafka) {
        List<AdEvent> events = traffic(61, 400);
        String topic = kafka.topicName("ad-events");
        String group = kafka.groupId("type-counter");

        try (ConfigurableApplicationContext app = start(kafka, topic, group)) {
            app.getBean(AdEventPublisher.class).publishAll(events);
            TypeCountingListener listener = app.getBean(TypeCountingListener.class);

            awaitCounts(listener, expectedCounts(events), 0);
            awaitCommittedToTheEnd(kafka, topic, group);
        }
    }

    @Test
    void malformedRecordsAreCountedAndDoNotStopThePartition(KafkaFixture kafka) {
        List<AdEvent> events = traffic(62, 200);
        String topic = kafka.createTopic("ad-events", 3);
        String group = kafka.groupId("type-counter");
        // Bad records in the middle of good ones, in every partition.
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        long malformed = 0;
        for (int i = 0; i < events.size(); i++) {
            AdEvent event = events.get(i);
            producer.send(new ProducerRecord<>(topic, event.campaignId(), AdEventJson.toBytes(event)));
            if (i % 50 == 25) {
                producer.send(new ProducerRecord<>(topic, i % 3, "broken", "{not json".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topic, (i + 1) % 3, "broken",
                        "{\"type\":\"CLICK\"}".getBytes(StandardCharsets.UTF_8)));
                malformed += 2;
            }
        }
        producer.flush();

        try (ConfigurableApplicationContext app = start(kafka, topic, group)) {
            TypeCountingListener listener = app.getBean(TypeCountingListener.class);

            awaitCounts(listener, expectedCounts(events), malformed);
            awaitCommittedToTheEnd(kafka, topic, group);
        }
    }

    @Test
    void aRestartedAppDoesNotCountAgainWhatWasAcknowledged(KafkaFixture kafka) {
        List<AdEvent> before = traffic(63, 300);
        List<AdEvent> after = traffic(64, 120);
        String topic = kafka.topicName("ad-events");
        String group = kafka.groupId("type-counter");

        try (ConfigurableApplicationContext app = start(kafka, topic, group)) {
            app.getBean(AdEventPublisher.class).publishAll(before);
            awaitCounts(app.getBean(TypeCountingListener.class), expectedCounts(before), 0);
            awaitCommittedToTheEnd(kafka, topic, group);
        }
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        after.forEach(e -> producer.send(new ProducerRecord<>(topic, e.campaignId(), AdEventJson.toBytes(e))));
        producer.flush();

        try (ConfigurableApplicationContext app = start(kafka, topic, group)) {
            // Same group: it resumes at the committed offsets and sees only what came after.
            awaitCounts(app.getBean(TypeCountingListener.class), expectedCounts(after), 0);
            awaitCommittedToTheEnd(kafka, topic, group);
        }
    }

    private static ConfigurableApplicationContext start(KafkaFixture kafka, String topic, String group) {
        return AdStatsApp.start(kafka, Map.of(
                "adstats.topics.events", topic,
                "adstats.groups.type-counter", group,
                "adstats.groups.stats", group + "-stats",
                "adstats.batch.max-poll-records", 50), TypeCountingListener.class);
    }

    private static List<AdEvent> traffic(long seed, int impressions) {
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(6).clickThroughRate(0.2)
                .build().generate().distinctEvents();
    }

    private static Map<EventType, Long> expectedCounts(List<AdEvent> events) {
        long clicks = events.stream().filter(AdEvent::isClick).count();
        return Map.of(EventType.IMPRESSION, events.size() - clicks, EventType.CLICK, clicks);
    }

    private static void awaitCounts(TypeCountingListener listener, Map<EventType, Long> expected, long malformed) {
        long total = expected.values().stream().mapToLong(Long::longValue).sum() + malformed;
        Awaitility.await("counts " + expected + " and " + malformed + " malformed").atMost(PATIENCE)
                // Counting more than was sent can only get worse: stop at once.
                .failFast("counted more records than were sent", () -> counted(listener) > total)
                .untilAsserted(() -> {
                    assertThat(listener.counts()).containsExactlyInAnyOrderEntriesOf(expected);
                    assertThat(listener.malformed()).isEqualTo(malformed);
                });
    }

    private static long counted(TypeCountingListener listener) {
        return listener.counts().values().stream().mapToLong(Long::longValue).sum() + listener.malformed();
    }

    private static void awaitCommittedToTheEnd(KafkaFixture kafka, String topic, String group) {
        Awaitility.await("group " + group + " committed every partition to its end (does onBatch acknowledge?)")
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(Offsets.committed(kafka.admin(), group))
                        .isEqualTo(Offsets.end(kafka.admin(), topic)));
    }
}
