package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.CampaignStats;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Running per-campaign totals in memory. Thread-safe: a poll thread applies batches while a dashboard, a lab or a
 * test reads snapshots. A batch is applied atomically, so a reader never sees half a poll.
 */
public final class CampaignTotals implements StatsSink {

    private final TreeMap<String, CampaignStats> totals = new TreeMap<>();
    private long applies;

    @Override
    public synchronized void apply(Map<String, CampaignStats> delta) {
        delta.forEach((campaign, stats) -> totals.merge(campaign, stats, CampaignStats::plus));
        applies++;
    }

    /** A copy of the totals, by campaign id. */
    public synchronized SortedMap<String, CampaignStats> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(totals));
    }

    /** The totals of one campaign ({@link CampaignStats#EMPTY} if it has not been seen). */
    public synchronized CampaignStats of(String campaignId) {
        return totals.getOrDefault(campaignId, CampaignStats.EMPTY);
    }

    /** All campaigns together. */
    public synchronized CampaignStats total() {
        return totals.values().stream().reduce(CampaignStats.EMPTY, CampaignStats::plus);
    }

    /** Impressions plus clicks over all campaigns: the number of events counted. */
    public synchronized long events() {
        CampaignStats total = total();
        return total.impressions() + total.clicks();
    }

    /** How many batches were applied. */
    public synchronized long applies() {
        return applies;
    }

    /** Sums the snapshots of several members of one group: their shares add up to the group's totals. */
    public static SortedMap<String, CampaignStats> merge(Iterable<? extends Map<String, CampaignStats>> shares) {
        TreeMap<String, CampaignStats> merged = new TreeMap<>();
        shares.forEach(share -> share.forEach((campaign, stats) -> merged.merge(campaign, stats, CampaignStats::plus)));
        return Collections.unmodifiableSortedMap(merged);
    }
}
