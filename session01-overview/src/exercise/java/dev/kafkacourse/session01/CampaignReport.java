package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.Map;

/**
 * Exercise 2: the numbers an advertiser pays for: per campaign, impressions, clicks, CTR and spend.
 *
 * <p>The input may contain the same event twice (a collector retried a send). An event counts once, however
 * often it appears: use its {@code eventId}.
 */
public final class CampaignReport {

    private CampaignReport() {
    }

    /** One summary per campaign that has at least one event, keyed by campaignId. */
    public static Map<String, CampaignSummary> summarize(List<AdEvent> events) {
        // TODO: group the events by campaign, count each eventId once, and compute clicks / impressions and spend.
        throw new UnsupportedOperationException("TODO session01 exercise 2: implement CampaignReport.summarize");
    }
}
