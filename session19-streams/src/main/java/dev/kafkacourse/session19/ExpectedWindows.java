package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a correct windowed aggregation must produce, worked out from the generator's own list of distinct events
 * (each eventId once, late events included, duplicates and malformed records left out): the events bucketed by
 * campaign and by the tumbling window their event time falls in.
 */
public final class ExpectedWindows {

    /** One campaign's window. */
    public record WindowKey(String campaignId, long windowStart) implements Comparable<WindowKey> {
        @Override
        public int compareTo(WindowKey other) {
            int byCampaign = campaignId.compareTo(other.campaignId);
            return byCampaign != 0 ? byCampaign : Long.compare(windowStart, other.windowStart);
        }
    }

    private ExpectedWindows() {
    }

    /** Per campaign and tumbling window of {@code size}: the distinct events' stats. */
    public static SortedMap<WindowKey, CampaignStats> tumbling(GeneratedEvents traffic, Duration size) {
        return tumbling(traffic.distinctEvents(), size);
    }

    public static SortedMap<WindowKey, CampaignStats> tumbling(Collection<AdEvent> events, Duration size) {
        long sizeMs = size.toMillis();
        SortedMap<WindowKey, CampaignStats> expected = new TreeMap<>();
        for (AdEvent event : events) {
            long start = event.timestamp() - Math.floorMod(event.timestamp(), sizeMs);
            expected.merge(new WindowKey(event.campaignId(), start), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
        }
        return expected;
    }

    /** The stats as keyed by window, from what the topology wrote to {@code ad-stats-1m}. */
    public static SortedMap<WindowKey, CampaignStats> of(Collection<AdStats> stats) {
        SortedMap<WindowKey, CampaignStats> result = new TreeMap<>();
        for (AdStats s : stats) {
            if (result.put(new WindowKey(s.campaignId(), s.windowStart()), s.stats()) != null) {
                throw new IllegalStateException("Two results for " + s.campaignId() + " at " + s.windowStart());
            }
        }
        return result;
    }

    /** Sum over windows, per campaign: must equal the generator's own per-campaign totals. */
    public static SortedMap<String, CampaignStats> perCampaign(Map<WindowKey, CampaignStats> windows) {
        SortedMap<String, CampaignStats> totals = new TreeMap<>();
        windows.forEach((key, stats) -> totals.merge(key.campaignId(), stats, CampaignStats::plus));
        return totals;
    }
}
