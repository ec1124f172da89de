package dev.kafkacourse.session01;

/**
 * One campaign's figures, as the ad-stats dashboard shows them.
 *
 * @param campaignId  the campaign
 * @param impressions distinct impressions
 * @param clicks      distinct clicks
 * @param ctr         click-through rate: clicks / impressions (0 when there are no impressions)
 * @param spendMicros sum of the distinct events' costMicros
 */
public record CampaignSummary(String campaignId, long impressions, long clicks, double ctr, long spendMicros) {
}
