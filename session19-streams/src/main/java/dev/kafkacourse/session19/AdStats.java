package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.CampaignStats;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * One record on {@code ad-stats-1m}: the final figures of one campaign in one 1-minute window (key = campaignId).
 *
 * @param campaignId  the campaign
 * @param windowStart start of the window, epoch ms, inclusive
 * @param windowEnd   end of the window, epoch ms, exclusive
 * @param impressions distinct impressions whose event time falls in the window
 * @param clicks      distinct clicks whose event time falls in the window
 * @param ctr         clicks / impressions (0 without impressions)
 * @param spendMicros sum of costMicros
 */
public record AdStats(String campaignId, long windowStart, long windowEnd, long impressions, long clicks,
        double ctr, long spendMicros) {

    public static AdStats of(Windowed<String> window, CampaignStats stats) {
        return of(window.key(), window.window().start(), window.window().end(), stats);
    }

    public static AdStats of(String campaignId, long windowStart, long windowEnd, CampaignStats stats) {
        return new AdStats(campaignId, windowStart, windowEnd, stats.impressions(), stats.clicks(), stats.ctr(),
                stats.spendMicros());
    }

    public CampaignStats stats() {
        return new CampaignStats(impressions, clicks, spendMicros);
    }
}
