package dev.kafkacourse.session20;

import dev.kafkacourse.session13.Campaign;
import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the dashboard shows, built from the query API's view of every instance: per campaign totals with spend
 * against the daily budget (from the {@code campaigns} topic), the recent 1-minute windows for the chart, and the
 * top campaigns of the latest window.
 */
public final class Dashboard {

    /** How far back the dashboard and the totals look (the store keeps an hour of windows). */
    static final Duration LOOK_BACK = Duration.ofHours(1);
    static final int CHART_WINDOWS = 15;

    public record CampaignRow(String campaignId, String name, long impressions, long clicks, double ctr,
            long spendMicros, long dailyBudgetMicros, double budgetUsed) {
    }

    public record Point(long windowStart, long clicks, long impressions) {
    }

    public record Snapshot(long generatedAt, List<String> instances, List<CampaignRow> campaigns,
            Map<String, List<Point>> series, long latestWindow, List<AdStats> topByClicks, List<AdStats> topBySpend,
            CampaignRow total) {
    }

    private Dashboard() {
    }

    static Snapshot snapshot(StatsQueries queries, Map<String, Campaign> campaigns, Instant now) {
        List<AdStats> windows = queries.allWindows(now.minus(LOOK_BACK), now.plus(LOOK_BACK));
        Map<String, CampaignStats> totals = totals(windows);
        List<CampaignRow> rows = new ArrayList<>();
        totals.forEach((id, stats) -> rows.add(row(id, stats, campaigns.get(id))));
        long latest = windows.stream().mapToLong(AdStats::windowStart).max().orElse(0);
        TreeMap<String, List<Point>> series = new TreeMap<>();
        windows.stream().filter(w -> w.windowStart() > latest - CHART_WINDOWS * 60_000L)
                .forEach(w -> series.computeIfAbsent(w.campaignId(), k -> new ArrayList<>())
                        .add(new Point(w.windowStart(), w.clicks(), w.impressions())));
        List<AdStats> latestWindows = windows.stream().filter(w -> w.windowStart() == latest).toList();
        CampaignStats sum = totals.values().stream().reduce(CampaignStats.EMPTY, CampaignStats::plus);
        return new Snapshot(now.toEpochMilli(), queries.instances().stream().map(h -> h.host() + ":" + h.port())
                .toList(), rows, series, latest, top(latestWindows, Comparator.comparingLong(AdStats::clicks), 5),
                top(latestWindows, Comparator.comparingLong(AdStats::spendMicros), 5), row("total", sum, null));
    }

    /** Per campaign, the sum over all windows. */
    static Map<String, CampaignStats> totals(List<AdStats> windows) {
        return windows.stream().collect(Collectors.groupingBy(AdStats::campaignId, TreeMap::new,
                Collectors.reducing(CampaignStats.EMPTY, AdStats::stats, CampaignStats::plus)));
    }

    static List<AdStats> top(List<AdStats> windows, Comparator<AdStats> by, int n) {
        return windows.stream().sorted(by.reversed().thenComparing(AdStats::campaignId)).limit(n).toList();
    }

    private static CampaignRow row(String id, CampaignStats stats, Campaign campaign) {
        long budget = campaign == null ? 0 : campaign.dailyBudgetMicros();
        return new CampaignRow(id, campaign == null ? id : campaign.name(), stats.impressions(), stats.clicks(),
                stats.ctr(), stats.spendMicros(), budget, budget == 0 ? 0 : (double) stats.spendMicros() / budget);
    }
}
