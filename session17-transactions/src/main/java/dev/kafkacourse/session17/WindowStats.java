package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.CampaignStats;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the exactly-once job writes to {@code ad-stats-1m}: the counts one transaction adds to one campaign's
 * one-minute window (key = campaignId). The totals of a window are the sum of its committed records; with
 * exactly-once processing every input event is in exactly one of them.
 *
 * @param campaignId  the campaign
 * @param windowStart start of the one-minute event-time window, epoch ms
 * @param impressions impressions added
 * @param clicks      clicks added
 * @param spendMicros spend added
 */
public record WindowStats(String campaignId, long windowStart, long impressions, long clicks, long spendMicros) {

    public static final long WINDOW_MS = 60_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The empty window of {@code event}'s campaign and minute. */
    public static WindowStats windowOf(AdEvent event) {
        return new WindowStats(event.campaignId(), event.timestamp() - Math.floorMod(event.timestamp(), WINDOW_MS),
                0, 0, 0);
    }

    public WindowStats plus(AdEvent event) {
        return event.isClick()
                ? new WindowStats(campaignId, windowStart, impressions, clicks + 1, spendMicros + event.costMicros())
                : new WindowStats(campaignId, windowStart, impressions + 1, clicks, spendMicros + event.costMicros());
    }

    public CampaignStats asCampaignStats() {
        return new CampaignStats(impressions, clicks, spendMicros);
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static WindowStats fromJson(String json) {
        return JSON.readValue(json, WindowStats.class);
    }
}
