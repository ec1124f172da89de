package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query side of one instance: one campaign through the {@link StatsRouter} (asked of its owner), and every
 * campaign by asking every instance for what its own store holds and merging the answers.
 */
public final class StatsQueries {

    private final AdStatsApp stats;
    private final HostInfo self;
    private final HttpStats http = new HttpStats();
    private final StatsRouter router;

    StatsQueries(AdStatsApp stats, HostInfo self) {
        this.stats = stats;
        this.self = self;
        this.router = new StatsRouter(stats.streamsApp().streams(), self, stats::query, http);
    }

    /** One campaign's windows starting within [from, to], wherever they live. */
    public List<AdStats> campaign(String campaignId, Instant from, Instant to) {
        return router.query(campaignId, from, to);
    }

    /** One campaign's windows from this instance's store only (what another instance asks us for). */
    public List<AdStats> localCampaign(String campaignId, Instant from, Instant to) {
        return stats.query(campaignId, from, to);
    }

    public List<AdStats> localWindows(Instant from, Instant to) {
        return stats.queryAll(from, to);
    }

    /** Every window of every campaign starting within [from, to], from all instances, by campaign and time. */
    public List<AdStats> allWindows(Instant from, Instant to) {
        List<AdStats> windows = new ArrayList<>();
        for (HostInfo host : instances()) {
            windows.addAll(host.equals(self) ? localWindows(from, to) : http.localWindows(host, from, to));
        }
        windows.sort(Comparator.comparing(AdStats::campaignId).thenComparingLong(AdStats::windowStart));
        return windows;
    }

    /** The instances of this application that Streams knows of (this one included). */
    public List<HostInfo> instances() {
        List<HostInfo> hosts = stats.streamsApp().streams().metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo).distinct().sorted(Comparator.comparingInt(HostInfo::port)).toList();
        if (hosts.isEmpty()) {
            throw new StatsUnavailableException("Streams knows no instances yet (starting or rebalancing)");
        }
        return hosts;
    }

    public HostInfo self() {
        return self;
    }

    public StatsRouter router() {
        return router;
    }
}
