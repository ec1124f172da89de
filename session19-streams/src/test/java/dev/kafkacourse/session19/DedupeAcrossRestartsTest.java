package dev.kafkacourse.session19;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Offsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the eventId dedupe keeps across a restart, on the broker: the application counts every event once, stops,
 * and a new instance (an empty state directory, as on another machine) gets every one of those events again. It
 * must rebuild the ids from the changelog and drop them all; and the changelog holds the ids in chunks, not one
 * record per event.
 */
@KafkaTest
class DedupeAcrossRestartsTest {

    private static final int PARTITIONS = 2;
    private static final int EVENTS = 1_200;
    private static final int CAMPAIGNS = 4;

    @Test
    void anInstanceStartedAfterTheFirstDropsEveryEventTheFirstCounted(KafkaFixture kafka) {
        AdStatsConfig config = AdStatsConfig.defaults().withTopics(kafka.createTopic("ad-events", PARTITIONS),
                kafka.createTopic("ad-stats-1m", PARTITIONS), kafka.createTopic("ad-events-dlq", 1));
        String applicationId = kafka.groupId("dedupe-restart");
        // One window, 30 minutes back (it can close without waiting for the clock), 300 events per campaign.
        long windowStart = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        List<AdEvent> events = IntStream.range(0, EVENTS)
                .mapToObj(i -> TestEvents.impression("c-" + i % CAMPAIGNS, windowStart + i * 10L)).toList();
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());

        try (AdStatsApp first = AdStatsApp.start(config, kafka.commonConfig(), applicationId)) {
            send(producer, config, events);
            await("the first instance commits all " + EVENTS + " events").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        first.streamsApp().throwIfFailed();
                        return Offsets.committedTotal(kafka.admin(), applicationId, config.inputTopic());
                    }, committed -> committed == EVENTS);
        }
        List<ConsumerRecord<byte[], byte[]>> changelog = kafka.readToEnd(
                applicationId + "-" + AdStatsConfig.DEDUPE_STORE + "-changelog",
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        assertThat(changelog.size()).as("changelog records for %d ids: %d ids to a record, each written at most once"
                + " per commit", EVENTS, EventIdDeduplicator.IDS_PER_CHUNK).isPositive().isLessThan(EVENTS / 8);

        List<AdStats> published;
        try (AdStatsApp second = AdStatsApp.start(config, kafka.commonConfig(), applicationId)) {
            send(producer, config, events);   // every one a duplicate of an event the first instance counted
            StreamTimeTicks.sendToEveryPartition(producer, config.inputTopic(), PARTITIONS,
                    windowStart + config.windowSize().plus(config.grace()).toMillis() + 1_000);
            published = AdStatsLab.readStats(kafka, config, CAMPAIGNS);
        }
        assertThat(published).hasSize(CAMPAIGNS).allSatisfy(stats -> {
            assertThat(stats.windowStart()).isEqualTo(windowStart);
            assertThat(stats.impressions()).as(stats.campaignId()).isEqualTo(EVENTS / CAMPAIGNS);
        });
    }

    private static void send(KafkaProducer<String, byte[]> producer, AdStatsConfig config, List<AdEvent> events) {
        events.forEach(event -> producer.send(new ProducerRecord<>(config.inputTopic(), event.campaignId(),
                AdEventJson.toBytes(event))));
        producer.flush();
    }
}
