package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The pipeline's statistics topology, the one the application runs and every test checks:
 *
 * <pre>
 * ad-events ─▶ parse-validate ─┬─ refused ─▶ ad-events-dlq   (original bytes, reason in dlq.* headers)
 *                              └─ valid ─▶ dedupe-by-event-id ─▶ group by campaign (no repartition)
 *   ─▶ 1-minute tumbling windows with grace ─▶ aggregate impressions, clicks, spend
 *   ─▶ suppress until the window closes ─▶ ad-stats-1m   (one final record per campaign and window)
 * </pre>
 *
 * Event time is the AdEvent's own timestamp. A late event is counted while its window is within grace of the
 * stream time; after that it is dropped (Streams' dropped-records metric counts it).
 */
public final class AdStatsTopology {

    static final Serde<AdEvent> EVENTS = AdEventJson.serde();
    /** Binary, not JSON: the store's value is read and written once per event (see CampaignStatsSerde). */
    static final Serde<CampaignStats> STATS = CampaignStatsSerde.serde();
    public static final Serde<AdStats> AD_STATS = JsonSerde.of(AdStats.class);

    private AdStatsTopology() {
    }

    /** Builds the topology described above from {@code config}. */
    public static Topology build(AdStatsConfig config) {
        return build(config, STATS);
    }

    /**
     * The same topology with another serde for the windowed store's values (session 20's bottleneck lab puts
     * JSON back to show what it cost).
     */
    public static Topology build(AdStatsConfig config, Serde<CampaignStats> statsSerde) {
        StreamsBuilder builder = new StreamsBuilder();
        // The eventIds seen, as chunks of ids (see EventIdDeduplicator): in memory, since the processor keeps its own
        // set for lookups and only writes here; cached, so a chunk rewritten for every new id reaches the changelog
        // once per commit; logged, so a task started elsewhere gets the ids back.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(AdStatsConfig.DEDUPE_STORE, config.dedupeRetention(), config.windowSize(),
                        false),
                Serdes.Integer(), Serdes.ByteArray()).withCachingEnabled());

        KStream<String, ParsedEvent> parsed = builder
                .stream(config.inputTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("ad-events-source"))
                .processValues(ParseAndValidate::new, Named.as("parse-validate"));

        parsed.split(Named.as("parsed-"))
                .branch((campaign, outcome) -> !outcome.isValid(), Branched.withConsumer(refused -> refused
                        .mapValues(ParsedEvent::raw, Named.as("original-bytes"))
                        .to(config.deadLetterTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
                                .withName("dead-letter-sink")), "refused"))
                .defaultBranch(Branched.withConsumer(valid -> windowedStats(config, statsSerde,
                        valid.mapValues(ParsedEvent::event, Named.as("event")))
                        , "valid"));

        return builder.build();
    }

    private static void windowedStats(AdStatsConfig config, Serde<CampaignStats> statsSerde,
            KStream<String, AdEvent> events) {
        events.processValues(() -> new EventIdDeduplicator(AdStatsConfig.DEDUPE_STORE, config.windowSize(),
                        config.dedupeRetention()),
                        Named.as("dedupe-by-event-id"), AdStatsConfig.DEDUPE_STORE)
                // The key already is the campaignId and nothing upstream changed it: no repartition topic.
                .groupByKey(Grouped.<String, AdEvent>as("by-campaign").withKeySerde(Serdes.String()).withValueSerde(EVENTS))
                .windowedBy(TimeWindows.ofSizeAndGrace(config.windowSize(), config.grace()))
                .aggregate(() -> CampaignStats.EMPTY, (campaign, event, stats) -> stats.plus(event),
                        Named.as("aggregate-stats"),
                        Materialized.<String, CampaignStats, WindowStore<Bytes, byte[]>>as(AdStatsConfig.STATS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(statsSerde)
                                .withRetention(config.storeRetention()))
                // Downstream wants one final record per window, not every update: hold them until window end + grace.
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final-results-only"))
                .toStream(Named.as("closed-windows"))
                .map((window, stats) -> KeyValue.pair(window.key(), AdStats.of(window, stats)), Named.as("to-ad-stats"))
                .to(config.statsTopic(), Produced.with(Serdes.String(), AD_STATS).withName("ad-stats-sink"));
    }
}
