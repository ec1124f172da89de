package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsApp;
import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: the query router, on two real instances of session 19's application sharing one application id
 * (4 partitions, so each owns some campaigns). The "remote" instance is reached through a recording stand-in for
 * HTTP that answers from that instance's own store, so the test sees which host was asked for which key.
 */
@KafkaTest
class StatsRouterTest {

    private static final HostInfo HOST_A = new HostInfo("localhost", 7101);
    private static final HostInfo HOST_B = new HostInfo("localhost", 7102);
    /** The store keeps an hour: a range far wider costs a scan per 1-minute segment, so keep it close. */
    private static final Instant FROM = Instant.now().minus(Duration.ofHours(2));
    private static final Instant TO = Instant.now().plus(Duration.ofHours(1));

    private static AdStatsApp appA;
    private static AdStatsApp appB;
    private static GeneratedEvents traffic;

    @BeforeAll
    static void twoInstances(KafkaFixture kafka) {
        traffic = AdEventGenerator.builder().seed(2002).impressions(400).campaigns(8).zipfExponent(0.3)
                .startingAt(Instant.now().minus(Duration.ofMinutes(30))).eventsPerSecond(2).build().generate();
        AdStatsConfig config = AdStatsConfig.defaults().withTopics(kafka.createTopic("ad-events", 4),
                kafka.createTopic("ad-stats-1m", 4), kafka.createTopic("ad-events-dlq", 1));
        String applicationId = kafka.groupId("router");
        appA = AdStatsApp.start(config, withServer(kafka, HOST_A), applicationId);
        appB = AdStatsApp.start(config, withServer(kafka, HOST_B), applicationId);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, config.inputTopic(), traffic.records());
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bothRunning()
                && sum(held(appA), held(appB)).equals(traffic.expectedStats()));
    }

    @AfterAll
    static void stop() {
        if (appB != null) {
            appB.close();
        }
        if (appA != null) {
            appA.close();
        }
    }

    private static Map<String, Object> withServer(KafkaFixture kafka, HostInfo host) {
        Map<String, Object> config = new HashMap<>(kafka.commonConfig());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        return config;
    }

    private static boolean bothRunning() {
        return appA.streamsApp().streams().state() == KafkaStreams.State.RUNNING
                && appB.streamsApp().streams().state() == KafkaStreams.State.RUNNING;
    }

    /** Per campaign, what one instance's own store holds. */
    private static Map<String, CampaignStats> held(AdStatsApp app) {
        Map<String, CampaignStats> totals = new TreeMap<>();
        app.queryAll(FROM, TO).forEach(w -> totals.merge(w.campaignId(), w.stats(), CampaignStats::plus));
        return totals;
    }

    private static Map<String, CampaignStats> sum(Map<String, CampaignStats> a, Map<String, CampaignStats> b) {
        Map<String, CampaignStats> all = new TreeMap<>(a);
        b.forEach((k, v) -> all.merge(k, v, CampaignStats::plus));
        return all;
    }

    private static CampaignStats total(List<AdStats> windows) {
        return windows.stream().map(AdStats::stats).reduce(CampaignStats.EMPTY, CampaignStats::plus);
    }

    /** A stand-in for the HTTP call: records who was asked for what, answers from that instance's store. */
    private record Call(HostInfo host, String campaignId) {
    }

    private static RemoteStats recording(List<Call> calls) {
        return (host, campaignId, from, to) -> {
            calls.add(new Call(host, campaignId));
            AdStatsApp owner = host.equals(HOST_A) ? appA : host.equals(HOST_B) ? appB : null;
            return owner == null ? List.of() : owner.query(campaignId, from, to);
        };
    }

    @Test
    void everyCampaignIsAnsweredInFullFromEitherInstance() {
        Set<String> onA = held(appA).keySet();
        Set<String> onB = held(appB).keySet();
        assertThat(onA).as("precondition: each instance owns some campaigns").isNotEmpty();
        assertThat(onB).as("precondition: each instance owns some campaigns").isNotEmpty();

        for (AdStatsApp app : List.of(appA, appB)) {
            HostInfo self = app == appA ? HOST_A : HOST_B;
            StatsRouter router = new StatsRouter(app.streamsApp().streams(), self, app::query,
                    recording(new ArrayList<>()));
            traffic.expectedStats().forEach((campaign, expected) -> assertThat(total(router.query(campaign, FROM, TO)))
                    .as("%s asked on %s (its windows are on %s)", campaign, self, onA.contains(campaign) ? "A" : "B")
                    .isEqualTo(expected));
        }
    }

    @Test
    void aKeyOwnedHereIsReadLocallyAndAnyOtherIsAskedOfItsOwner() {
        List<Call> calls = new ArrayList<>();
        StatsRouter router = new StatsRouter(appA.streamsApp().streams(), HOST_A, appA::query, recording(calls));
        Set<String> onB = new TreeSet<>(held(appB).keySet());

        for (String campaign : traffic.expectedStats().keySet()) {
            router.query(campaign, FROM, TO);
        }

        assertThat(calls).as("only B's campaigns go over the network, each to B, once")
                .containsExactlyInAnyOrderElementsOf(onB.stream().map(c -> new Call(HOST_B, c)).toList());
    }

    @Test
    void ownerOfNamesTheInstanceWhoseStoreHoldsTheKey() {
        StatsRouter router = new StatsRouter(appB.streamsApp().streams(), HOST_B, appB::query,
                recording(new ArrayList<>()));
        Set<String> onA = held(appA).keySet();
        for (String campaign : traffic.expectedStats().keySet()) {
            assertThat(router.ownerOf(campaign)).as(campaign).isEqualTo(onA.contains(campaign) ? HOST_A : HOST_B);
        }
    }
}
