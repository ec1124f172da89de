package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.CampaignStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The ad-stats application: {@link AdStatsTopology} on Kafka Streams with exactly_once_v2, plus interactive
 * queries on its windowed store (session 20 puts HTTP in front of them). The store answers with the latest figures
 * of every window, including windows still open; {@code ad-stats-1m} gets only the final ones.
 */
public final class AdStatsApp implements AutoCloseable {

    private final AdStatsConfig config;
    private final StreamsApp app;

    private AdStatsApp(AdStatsConfig config, StreamsApp app) {
        this.config = config;
        this.app = app;
    }

    /** Starts the application; {@code clientConfig} holds bootstrap servers and security settings. */
    public static AdStatsApp start(AdStatsConfig config, Map<String, Object> clientConfig, String applicationId) {
        Path stateDir = StateDirs.create(applicationId);
        return new AdStatsApp(config, StreamsApp.start(AdStatsTopology.build(config),
                config.streamsProperties(clientConfig, applicationId, stateDir), stateDir, Duration.ofSeconds(60)));
    }

    public AdStatsConfig config() {
        return config;
    }

    /** One campaign's windows that start within [from, to], oldest first. */
    public List<AdStats> query(String campaignId, Instant from, Instant to) {
        List<AdStats> result = new ArrayList<>();
        try (WindowStoreIterator<CampaignStats> windows = store().fetch(campaignId, from, to)) {
            windows.forEachRemaining(window -> result.add(AdStats.of(campaignId, window.key,
                    window.key + config.windowSize().toMillis(), window.value)));
        }
        return result;
    }

    /** Every campaign's windows that start within [from, to]. */
    public List<AdStats> queryAll(Instant from, Instant to) {
        List<AdStats> result = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, CampaignStats> windows = store().fetchAll(from, to)) {
            windows.forEachRemaining((KeyValue<Windowed<String>, CampaignStats> window) ->
                    result.add(AdStats.of(window.key, window.value)));
        }
        return result;
    }

    public StreamsApp streamsApp() {
        return app;
    }

    /** The windowed store itself, read-only: key = campaignId, one entry per window start. */
    public ReadOnlyWindowStore<String, CampaignStats> statsStore() {
        return store();
    }

    private ReadOnlyWindowStore<String, CampaignStats> store() {
        return app.store(AdStatsConfig.STATS_STORE, QueryableStoreTypes.windowStore());
    }

    @Override
    public void close() {
        app.close();
    }
}
