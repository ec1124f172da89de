package dev.kafkacourse.support.domain;

/**
 * Totals for one campaign: what every aggregation in the course computes, and what the generator promises.
 *
 * @param impressions number of impressions
 * @param clicks      number of clicks
 * @param spendMicros sum of costMicros
 */
public record CampaignStats(long impressions, long clicks, long spendMicros) {

    public static final CampaignStats EMPTY = new CampaignStats(0, 0, 0);

    public CampaignStats plus(AdEvent event) {
        return event.isClick()
                ? new CampaignStats(impressions, clicks + 1, spendMicros + event.costMicros())
                : new CampaignStats(impressions + 1, clicks, spendMicros + event.costMicros());
    }

    public CampaignStats plus(CampaignStats other) {
        return new CampaignStats(impressions + other.impressions, clicks + other.clicks,
                spendMicros + other.spendMicros);
    }

    /** Click-through rate, clicks / impressions; 0 without impressions. */
    public double ctr() {
        return impressions == 0 ? 0.0 : (double) clicks / impressions;
    }
}
