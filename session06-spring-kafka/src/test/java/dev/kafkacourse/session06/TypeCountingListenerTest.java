package dev.kafkacourse.session06;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.EventType;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Offsets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Exercise 1: TypeCountingListener, inside the real app (custom container factory: 3 threads, batches, manual
 * acknowledgement) on the course broker, where committed offsets are read back from Kafka with Admin; and called
 * the way the container calls it, to see what a broker cannot show: when it acknowledges (a recording
 * {@link Acknowledgment}) and whether its counts survive several consumer threads at once (a stress call).
 */
@KafkaTest
class TypeCountingListenerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Duration COMMIT_PATIENCE = Duration.ofSeconds(10);

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
        // And one that ends a partition, with no valid record after it to carry the commit past it.
        producer.send(new ProducerRecord<>(topic, 2, "broken", "not json at all".getBytes(StandardCharsets.UTF_8)));
        malformed++;
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
        // Called once every record is counted: the acknowledged position is committed before the next poll, so
        // this needs far less patience than the counting did.
        Awaitility.await("group " + group + " committed every partition to its end (does onBatch acknowledge?)")
                .atMost(COMMIT_PATIENCE)
                .untilAsserted(() -> assertThat(Offsets.committed(kafka.admin(), group))
                        .isEqualTo(Offsets.end(kafka.admin(), topic)));
    }

    private static final String TOPIC = "ad-events";

    @Test
    void acknowledgesOnlyOnceTheWholeBatchIsCounted() {
        List<AdEvent> events = smallTraffic(71, 60);
        List<ConsumerRecord<String, AdEvent>> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(valid(batch.size(), events.get(i)));
            if (i == 7 || i == 30) {
                batch.add(malformed(batch.size()));
            }
        }
        batch.add(malformed(batch.size()));   // the batch ends with a bad record
        TypeCountingListener listener = new TypeCountingListener();
        assertThat(listener.counts()).as("counts() before any batch: every EventType, each 0")
                .containsExactlyInAnyOrderEntriesOf(Map.of(EventType.IMPRESSION, 0L, EventType.CLICK, 0L));
        RecordingAcknowledgment acknowledgment = new RecordingAcknowledgment(listener);

        listener.onBatch(batch, acknowledgment);

        Map<EventType, Long> expected = countsOf(events);
        assertThat(listener.counts()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(listener.malformed()).isEqualTo(3);
        assertThat(acknowledgment.seen())
                .as("what the listener had counted each time it called acknowledge(): acknowledging earlier commits"
                        + " records that a crash would leave uncounted")
                .isNotEmpty()
                .allSatisfy(seen -> assertThat(seen).isEqualTo(new Seen(expected, 3)));
    }

    @Test
    void aBatchOfOnlyMalformedRecordsIsCountedAndAcknowledged() {
        TypeCountingListener listener = new TypeCountingListener();
        RecordingAcknowledgment acknowledgment = new RecordingAcknowledgment(listener);

        listener.onBatch(List.of(malformed(0), malformed(1)), acknowledgment);

        assertThat(listener.malformed()).isEqualTo(2);
        assertThat(acknowledgment.seen())
                .as("acknowledgements of a batch with nothing but bad records (none: the partition stays stuck"
                        + " before them, and a restart reads them again)")
                .isNotEmpty();
    }

    @Test
    void countsExactlyWhileSeveralConsumerThreadsCallAtOnce() throws Exception {
        List<AdEvent> events = smallTraffic(72, 400);
        List<ConsumerRecord<String, AdEvent>> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            batch.add(valid(i, events.get(i)));
        }
        int threads = 6;
        int batchesPerThread = 60;
        TypeCountingListener listener = new TypeCountingListener();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> consumers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                consumers.add(() -> {
                    start.await();
                    for (int b = 0; b < batchesPerThread; b++) {
                        listener.onBatch(batch, () -> { });
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(consumers, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<EventType, Long> perBatch = countsOf(events);
        long rounds = (long) threads * batchesPerThread;
        assertThat(listener.counts())
                .as("counts after %d threads each counted the same batch %d times (fewer: increments lost to a race"
                        + " between consumer threads)", threads, batchesPerThread)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        EventType.IMPRESSION, perBatch.get(EventType.IMPRESSION) * rounds,
                        EventType.CLICK, perBatch.get(EventType.CLICK) * rounds));
    }

    /** What the listener reported at one call of {@code acknowledge()}. */
    record Seen(Map<EventType, Long> counts, long malformed) {
    }

    /** An {@link Acknowledgment} that notes the listener's counts at every call. */
    private static final class RecordingAcknowledgment implements Acknowledgment {

        private final TypeCountingListener listener;
        private final List<Seen> seen = new CopyOnWriteArrayList<>();

        RecordingAcknowledgment(TypeCountingListener listener) {
            this.listener = listener;
        }

        @Override
        public void acknowledge() {
            seen.add(new Seen(Map.copyOf(listener.counts()), listener.malformed()));
        }

        List<Seen> seen() {
            return List.copyOf(seen);
        }
    }

    private static List<AdEvent> smallTraffic(long seed, int impressions) {
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(4).clickThroughRate(0.2)
                .build().generate().distinctEvents();
    }

    private static Map<EventType, Long> countsOf(List<AdEvent> events) {
        long clicks = events.stream().filter(AdEvent::isClick).count();
        return Map.of(EventType.IMPRESSION, events.size() - clicks, EventType.CLICK, clicks);
    }

    private static ConsumerRecord<String, AdEvent> valid(long offset, AdEvent event) {
        return new ConsumerRecord<>(TOPIC, 0, offset, event.campaignId(), event);
    }

    /** A record as ErrorHandlingDeserializer hands it over: null value, the failure in a header. */
    private static ConsumerRecord<String, AdEvent> malformed(long offset) {
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = "{not json".getBytes(StandardCharsets.UTF_8);
        try (ErrorHandlingDeserializer<AdEvent> deserializer = new ErrorHandlingDeserializer<>(AdEventJson.deserializer())) {
            AdEvent value = deserializer.deserialize(TOPIC, headers, bytes);
            return new ConsumerRecord<>(TOPIC, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, 6,
                    bytes.length, "broken", value, headers, Optional.empty());
        }
    }
}
