package dev.kafkacourse.session19;

import static dev.kafkacourse.session19.TestEvents.at;
import static dev.kafkacourse.session19.TestEvents.click;
import static dev.kafkacourse.session19.TestEvents.impression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.dlq.DeadLetters;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's own topology and Streams settings ({@link AdStatsTopology#build}, {@link
 * AdStatsConfig#streamsProperties}) in a {@link TopologyTestDriver}: event time and wall-clock time are moved by
 * the test, so window closing, grace and suppression can be watched one record at a time. The broker run of the
 * same topology against the generator's exact figures is {@link AdStatsBrokerTest}. (The driver commits, and so
 * flushes RocksDB, after every record: bulk traffic belongs on the broker.)
 */
class AdStatsTopologyDriverTest {

    private final AdStatsConfig config = AdStatsConfig.defaults();   // 1-minute windows, 2 minutes of grace
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, AdStats> stats;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        stateDir = StateDirs.create("driver-test");
        driver = new TopologyTestDriver(AdStatsTopology.build(config),
                config.streamsProperties(Map.of("bootstrap.servers", "driver:9092"), "ad-stats-driver", stateDir),
                Instant.ofEpochMilli(TestEvents.T0));
        events = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        stats = driver.createOutputTopic(config.statsTopic(), new StringDeserializer(),
                AdStatsTopology.AD_STATS.deserializer());
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        try {
            if (driver != null) {
                driver.close();
            }
        } finally {
            StateDirs.delete(stateDir);   // also when building the topology failed (an unsolved exercise)
        }
    }

    /** Sends {@code event} keyed by its campaign, stamped as received 5 s after it happened. */
    private void send(AdEvent event) {
        events.pipeInput(new TestRecord<>(event.campaignId(), AdEventJson.toBytes(event), null,
                Instant.ofEpochMilli(event.timestamp() + 5_000)));
    }

    @Test
    void aWindowIsPublishedOnceWhenStreamTimePassesItsEndPlusGraceNotWhenTheWallClockMoves() {
        send(impression("c-1", at(0, 5)));
        send(impression("c-1", at(0, 40)));
        send(click("c-1", at(0, 50)));
        send(impression("c-1", at(1, 10)));

        driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(stats.isEmpty()).as("suppression waits for stream time, not the wall clock").isTrue();

        send(impression("c-2", at(2, 59)));   // stream time 10:02:59: window 10:00 closes at 10:03:00
        assertThat(stats.isEmpty()).isTrue();
        send(impression("c-2", at(3, 0)));

        List<AdStats> published = stats.readValuesToList();
        assertThat(published).containsExactly(new AdStats("c-1", at(0, 0), at(1, 0), 2, 1, 0.5, 304_000));
    }

    @Test
    void aLateEventInsideGraceIsCountedAndOneOutsideGraceIsDropped() {
        send(impression("c-1", at(0, 10)));
        send(impression("c-1", at(2, 30)));   // stream time 10:02:30
        send(click("c-1", at(0, 20)));        // 2m10s late, window 10:00 closes at 10:03:00: counted
        send(impression("c-1", at(3, 0)));    // stream time 10:03:00: window 10:00 closes
        send(impression("c-1", at(0, 30)));   // too late: its window is closed and published
        send(impression("c-1", at(4, 0)));    // stream time 10:04:00: window 10:01 closes (empty for c-1)

        assertThat(stats.readValuesToList())
                .containsExactly(new AdStats("c-1", at(0, 0), at(1, 0), 1, 1, 1.0, 302_000));
        WindowStore<String, CampaignStats> store = driver.getWindowStore(AdStatsConfig.STATS_STORE);
        assertThat(store.fetch("c-1", at(0, 0))).as("the dropped event changed nothing")
                .isEqualTo(new CampaignStats(1, 1, 302_000));
    }

    @Test
    void aDuplicateEventIdIsCountedOnceEvenWhenOtherEventsCameBetween() {
        AdEvent first = impression("c-1", at(0, 10));
        send(first);
        send(impression("c-1", at(0, 20)));
        send(first);                              // the same event again, not adjacent
        send(click("c-1", at(0, 30)));
        send(first);
        send(impression("c-9", at(3, 1)));        // closes the window

        assertThat(stats.readValuesToList()).singleElement()
                .satisfies(s -> assertThat(s.stats()).isEqualTo(new CampaignStats(2, 1, 304_000)));
    }

    @Test
    void aDuplicateArrivingAtTheLastMomentOfGraceIsStillDroppedBecauseIdsAreKeptForWindowPlusGrace() {
        AdEvent first = impression("c-1", at(0, 0));   // at its window's very start: the longest it can stay open
        send(first);
        send(impression("c-2", at(3, 0) - 1));         // stream time 10:02:59.999: window 10:00 still open
        send(first);                                   // re-sent now: must still be known
        send(impression("c-2", at(3, 0)));             // window 10:00 closes

        assertThat(stats.readValuesToList()).filteredOn(s -> s.campaignId().equals("c-1")).singleElement()
                .satisfies(s -> assertThat(s.stats()).isEqualTo(new CampaignStats(1, 0, 2_000)));
        WindowStore<Integer, byte[]> seen = driver.getWindowStore(AdStatsConfig.DEDUPE_STORE);
        try (var windowTenOClock = seen.fetchAll(Instant.ofEpochMilli(at(0, 0)), Instant.ofEpochMilli(at(0, 0)))) {
            assertThat(windowTenOClock.hasNext()).as("forgotten once no window can count it any more").isFalse();
        }
    }

    @Test
    void aConfigThatForgetsEventIdsWhileTheirWindowIsOpenIsRefusedWithTheFix() {
        AdStatsConfig d = AdStatsConfig.defaults();
        assertThatThrownBy(() -> new AdStatsConfig(d.inputTopic(), d.statsTopic(), d.deadLetterTopic(),
                d.windowSize(), d.grace(), d.windowSize().plus(d.grace()).minusMillis(1), d.storeRetention(),
                d.commitInterval()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedupeRetention").hasMessageContaining("Raise dedupeRetention");
        assertThat(d.withGrace(Duration.ofMinutes(5)).dedupeRetention()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void eventTimeComesFromTheEventNotFromTheRecordTimestamp() {
        AdEvent event = impression("c-1", at(0, 30));
        // A collector that stamped the record ten minutes later; the event's own time must decide its window.
        events.pipeInput(new TestRecord<>("c-1", AdEventJson.toBytes(event), null, Instant.ofEpochMilli(at(10, 0))));
        send(impression("c-9", at(3, 0)));

        assertThat(stats.readValuesToList()).singleElement()
                .satisfies(s -> assertThat(s.windowStart()).isEqualTo(at(0, 0)));
    }

    @Test
    void refusedRecordsGoToTheDeadLetterTopicUnchangedWithTheReasonAndOriginInHeaders() {
        byte[] notJson = "impression,c-1,not-json".getBytes(StandardCharsets.UTF_8);
        events.pipeInput(new TestRecord<>("c-1", notJson, null, Instant.ofEpochMilli(at(0, 0))));
        events.pipeInput("c-1", AdEventJson.toBytes(impression("c-2", at(0, 1))));
        events.pipeInput("c-1", (byte[]) null);
        String noType = AdEventJson.toJson(impression("c-1", at(0, 1))).replace("\"IMPRESSION\"", "\"VIEW\"");
        events.pipeInput("c-1", noType.getBytes(StandardCharsets.UTF_8));
        send(impression("c-1", at(0, 2)));

        List<TestRecord<String, byte[]>> refused = deadLetters.readRecordsToList();
        assertThat(refused).hasSize(4);
        TestRecord<String, byte[]> first = refused.get(0);
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(first.key()).isEqualTo("c-1");
        assertThat(header(first, DeadLetters.REASON)).isEqualTo("MALFORMED_JSON");
        assertThat(header(first, DeadLetters.EXCEPTION_CLASS))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(first, DeadLetters.EXCEPTION_MESSAGE)).startsWith("Not a valid AdEvent");
        assertThat(header(first, DeadLetters.EXCEPTION_STACKTRACE)).contains("Caused by: ");
        assertThat(header(first, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(config.inputTopic());
        assertThat(header(first, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(header(first, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(header(first, DeadLetters.ORIGINAL_TIMESTAMP)).isEqualTo(Long.toString(at(0, 0)));
        assertThat(header(first, DeadLetters.ORIGINAL_KEY)).isEqualTo("c-1");
        assertThat(header(first, DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(header(first, DeadLetters.CONSUMER_GROUP)).isEqualTo("ad-stats-driver");
        assertThat(Instant.parse(header(first, DeadLetters.FAILED_AT)).toEpochMilli())
                .isEqualTo(first.timestamp()).isEqualTo(TestEvents.T0);   // the driver's wall clock
        assertThat(header(refused.get(1), DeadLetters.REASON)).isEqualTo("BUSINESS_RULE");
        assertThat(header(refused.get(1), DeadLetters.EXCEPTION_MESSAGE)).contains("'c-1'").contains("'c-2'");
        assertThat(header(refused.get(1), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("1");
        assertThat(header(refused.get(2), DeadLetters.REASON)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(header(refused.get(2), DeadLetters.EXCEPTION_MESSAGE)).isEqualTo("record has no value");
        assertThat(header(refused.get(3), DeadLetters.REASON)).isEqualTo("SCHEMA_VIOLATION");
        WindowStore<String, CampaignStats> store = driver.getWindowStore(AdStatsConfig.STATS_STORE);
        assertThat(store.fetch("c-1", at(0, 0))).isEqualTo(new CampaignStats(1, 0, 2_000));
    }

    @Test
    void theTopologyGroupsByTheExistingKeySoItHasNoRepartitionTopic() {
        Topology topology = AdStatsTopology.build(config);
        String description = topology.describe().toString();

        assertThat(topology.describe().subtopologies()).hasSize(1);
        assertThat(description).doesNotContain("repartition")
                .contains(AdStatsConfig.STATS_STORE).contains(AdStatsConfig.DEDUPE_STORE);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return DeadLetters.text(record.headers(), name);
    }
}
