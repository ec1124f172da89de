package dev.kafkacourse.session01;

import java.util.Collection;
import java.util.List;

/**
 * Exercise 3: the evaluation metric on the dashboard's front page: the best campaigns by click-through rate.
 *
 * <p>A campaign with 3 impressions and 1 click has a CTR of 33 % but proves nothing, so campaigns below
 * {@code minImpressions} are left out.
 */
public final class TopCampaigns {

    private TopCampaigns() {
    }

    /**
     * The {@code n} campaigns with the highest CTR among those with at least {@code minImpressions} impressions,
     * best first; equal CTRs are ordered by campaignId.
     */
    public static List<CampaignSummary> byCtr(Collection<CampaignSummary> summaries, int n, long minImpressions) {
        // TODO: filter by minImpressions, sort by CTR descending then campaignId, keep the first n.
        throw new UnsupportedOperationException("TODO session01 exercise 3: implement TopCampaigns.byCtr");
    }
}
