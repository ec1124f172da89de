package dev.kafkacourse.session19;

import static dev.kafkacourse.session19.TestEvents.at;
import static dev.kafkacourse.session19.TestEvents.click;
import static dev.kafkacourse.session19.TestEvents.impression;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks exercise 1: record by record in a driver, then on the broker against the generator's figures. */
@KafkaTest
class ClickWindowsTest {

    private static final Duration GRACE = Duration.ofMinutes(1);

    /** Streams settings as the ad-stats application has them (exactly_once_v2, short commits). */
    private static java.util.Properties props(Map<String, Object> client, String appId, Path stateDir) {
        return AdStatsConfig.defaults().streamsProperties(client, appId, stateDir);
    }

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> events;
    private TestOutputTopic<String, ClickCount> counts;

    @BeforeEach
    void start() {
        stateDir = StateDirs.create("click-windows");
        driver = new TopologyTestDriver(ClickWindows.build("events", "clicks", GRACE),
                props(Map.of("bootstrap.servers", "driver:9092"), "click-windows", stateDir));
        events = driver.createInputTopic("events", new StringSerializer(), new StringSerializer());
        counts = driver.createOutputTopic("clicks", new StringDeserializer(), ClickCount.SERDE.deserializer());
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

    /** The collector stamps the record 10 minutes after the event happened (a backlog being drained). */
    private void send(AdEvent event) {
        events.pipeInput(new TestRecord<>(event.campaignId(), AdEventJson.toJson(event), null,
                Instant.ofEpochMilli(event.timestamp() + 600_000)));
    }

    @Test
    void windowsFollowTheEventsOwnTimeNotTheRecordTimestampOrTheWallClock() {
        send(click("c-1", at(0, 10)));
        send(click("c-1", at(0, 50)));
        send(click("c-2", at(1, 5)));
        send(impression("c-9", at(2, 30)));   // stream time 10:02:30: window 10:00 is closed (grace 1 min)

        assertThat(counts.readValuesToList()).containsExactly(new ClickCount("c-1", at(0, 0), 2));
    }

    @Test
    void aLateClickInsideGraceIsCountedAndOneOutsideGraceIsNot() {
        send(click("c-1", at(0, 10)));
        send(impression("c-1", at(1, 30)));   // stream time 10:01:30
        send(click("c-1", at(0, 20)));        // 70 s late, its window closes at 10:02:00: counted
        send(impression("c-1", at(2, 0)));    // window 10:00 closes
        send(click("c-1", at(0, 30)));        // too late
        send(impression("c-1", at(3, 0)));

        assertThat(counts.readValuesToList()).containsExactly(new ClickCount("c-1", at(0, 0), 2));
    }

    @Test
    void aWindowIsPublishedOnceWithItsFinalCountAndNotBeforeItCloses() {
        send(click("c-1", at(0, 1)));
        send(click("c-1", at(0, 2)));
        send(click("c-1", at(0, 3)));
        send(impression("c-1", at(1, 59)));
        assertThat(counts.isEmpty()).as("nothing before window end + grace").isTrue();

        send(impression("c-1", at(2, 0)));
        assertThat(counts.readValuesToList()).containsExactly(new ClickCount("c-1", at(0, 0), 3));
    }

    @Test
    void aClickSentTwiceCountsOnceEvenWithOtherClicksBetween() {
        AdEvent retried = click("c-1", at(0, 5));
        send(retried);
        send(click("c-1", at(0, 6)));
        send(retried);
        send(click("c-1", at(0, 7)));
        send(retried);
        send(impression("c-1", at(2, 0)));

        assertThat(counts.readValuesToList()).containsExactly(new ClickCount("c-1", at(0, 0), 3));
    }

    @Test
    void theStreamIsAlreadyKeyedByCampaignSoThereIsNoRepartitionTopic() {
        assertThat(ClickWindows.build("events", "clicks", GRACE).describe().toString())
                .doesNotContain("repartition");
    }

    @Test
    void publishesTheGeneratorsClickCountsPerCampaignAndWindow(KafkaFixture kafka) {
        Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1919).impressions(1_500).campaigns(4)
                .eventsPerSecond(10).clickThroughRate(0.1).startingAt(start).duplicateRate(0.05)
                .lateEvents(0.05, Duration.ofSeconds(40)).build().generate();
        Map<ExpectedWindows.WindowKey, Long> expected = new TreeMap<>();
        ExpectedWindows.tumbling(traffic, Duration.ofMinutes(1))
                .forEach((key, stats) -> {
                    if (stats.clicks() > 0) {
                        expected.put(key, stats.clicks());
                    }
                });
        String input = kafka.createTopic("ad-events", 3);
        String output = kafka.createTopic("clicks-1m", 3);
        Path stateDir = StateDirs.create("click-windows-broker");
        try (StreamsApp app = StreamsApp.start(ClickWindows.build(input, output, GRACE),
                props(kafka.commonConfig(), kafka.groupId("click-windows"), stateDir), stateDir,
                Duration.ofSeconds(60))) {
            KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
            AdEventRecords.sendGenerated(producer, input, traffic.records());
            long last = traffic.allEvents().stream().mapToLong(AdEvent::timestamp).max().orElseThrow();
            StreamTimeTicks.sendToEveryPartition(producer, input, 3, last + GRACE.toMillis() + 61_000);

            KafkaConsumer<String, ClickCount> consumer = kafka.consumer(kafka.groupId("read-clicks"),
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                    ClickCount.SERDE.deserializer());
            consumer.subscribe(List.of(output));
            Map<ExpectedWindows.WindowKey, Long> published = new TreeMap<>();
            Consume.records(consumer, expected.size(), Duration.ofSeconds(30)).forEach(r -> published.put(
                    new ExpectedWindows.WindowKey(r.value().campaignId(), r.value().windowStart()),
                    r.value().clicks()));
            app.throwIfFailed();
            assertThat(published).isEqualTo(expected);
        }
    }
}
