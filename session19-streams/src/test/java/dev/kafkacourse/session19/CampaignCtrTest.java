package dev.kafkacourse.session19;

import static dev.kafkacourse.session19.TestEvents.at;
import static dev.kafkacourse.session19.TestEvents.click;
import static dev.kafkacourse.session19.TestEvents.impression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kafkacourse.session19.ExpectedWindows.WindowKey;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks exercise 2 on the ad-stats topology's own store: in a driver, then in the application on the broker. */
@KafkaTest
class CampaignCtrTest {
    private final AdStatsConfig config = AdStatsConfig.defaults();
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;

    @BeforeEach
    void start() {
        stateDir = StateDirs.create("campaign-ctr");
        driver = new TopologyTestDriver(AdStatsTopology.build(config),
                config.streamsProperties(Map.of("bootstrap.servers", "driver:9092"), "campaign-ctr", stateDir));
        events = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
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

    private void send(int minute, int impressions, int clicks) {
        for (int i = 0; i < impressions; i++) {
            send(impression("c-1", at(minute, i)));
        }
        for (int i = 0; i < clicks; i++) {
            send(click("c-1", at(minute, 30 + i)));
        }
    }

    private void send(AdEvent event) {
        events.pipeInput(event.campaignId(), AdEventJson.toBytes(event), event.timestamp());
    }

    @Test
    void sumsTheWindowsStartingInTheSpanAndTakesTheRateOfTheSums() {
        send(0, 4, 2);     // CTR 0.50
        send(1, 2, 0);     // CTR 0.00
        send(2, 10, 1);    // CTR 0.10
        send(3, 1, 1);     // starts exactly at `to`: outside the span
        send(impression("c-2", at(1, 0)));

        CtrReport report = CampaignCtr.over(driver.getWindowStore(AdStatsConfig.STATS_STORE), "c-1",
                Instant.ofEpochMilli(at(0, 0)), Instant.ofEpochMilli(at(3, 0)));

        assertThat(report.campaignId()).isEqualTo("c-1");
        assertThat(report.windows()).isEqualTo(3);
        assertThat(report.impressions()).isEqualTo(16);
        assertThat(report.clicks()).isEqualTo(3);
        assertThat(report.ctr()).isCloseTo(3.0 / 16, within(1e-9));
    }

    @Test
    void aSpanWithoutWindowsIsEmptyNotAnError() {
        send(0, 2, 1);

        CtrReport report = CampaignCtr.over(driver.getWindowStore(AdStatsConfig.STATS_STORE), "c-1",
                Instant.ofEpochMilli(at(5, 0)), Instant.ofEpochMilli(at(9, 0)));

        assertThat(report).isEqualTo(new CtrReport("c-1", 0, 0, 0, 0.0));
    }

    @Test
    void answersFromTheApplicationsStoreWithTheGeneratorsFigures(KafkaFixture kafka) {
        Instant start = Instant.now().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES);
        GeneratedEvents traffic = AdEventGenerator.builder().seed(2019).impressions(800).campaigns(3)
                .eventsPerSecond(4).clickThroughRate(0.1).startingAt(start).duplicateRate(0.05).build().generate();
        AdStatsConfig config = AdStatsConfig.defaults().withTopics(kafka.createTopic("ad-events", 2),
                kafka.createTopic("ad-stats-1m", 1), kafka.createTopic("ad-events-dlq", 1));
        try (AdStatsApp app = AdStatsApp.start(config, kafka.commonConfig(), kafka.groupId("campaign-ctr"))) {
            KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
            AdEventRecords.sendGenerated(producer, config.inputTopic(), traffic.records());
            String campaign = AdEventGenerator.campaignId(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ExpectedWindows.perCampaign(
                    ExpectedWindows.of(app.queryAll(start, start.plus(Duration.ofHours(1)))))
                    .equals(traffic.expectedStats()));

            Instant from = start.plus(Duration.ofMinutes(1));
            Instant to = start.plus(Duration.ofMinutes(3));
            SortedMap<WindowKey, CampaignStats> expected = ExpectedWindows.tumbling(traffic, Duration.ofMinutes(1))
                    .subMap(new WindowKey(campaign, from.toEpochMilli()), new WindowKey(campaign, to.toEpochMilli()));
            CampaignStats total = expected.values().stream().reduce(CampaignStats.EMPTY, CampaignStats::plus);

            CtrReport report = CampaignCtr.over(app.statsStore(), campaign, from, to);

            assertThat(report).isEqualTo(new CtrReport(campaign, expected.size(), total.impressions(),
                    total.clicks(), total.ctr()));
            assertThat(report.windows()).isEqualTo(2);
            assertThat(report.clicks()).isPositive();
        }
    }
}
