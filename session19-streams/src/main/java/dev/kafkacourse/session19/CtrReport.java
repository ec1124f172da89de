package dev.kafkacourse.session19;

/**
 * One campaign's figures over a span of windows, as an interactive query answers them.
 *
 * @param campaignId  the campaign
 * @param windows     how many windows had data in the span
 * @param impressions impressions in those windows
 * @param clicks      clicks in those windows
 * @param ctr         click-through rate over the whole span (0 without impressions)
 */
public record CtrReport(String campaignId, int windows, long impressions, long clicks, double ctr) {
}
