// Known-wrong answer: keeps campaigns with more than minImpressions, so one with exactly the minimum is left out
package dev.kafkacourse.session01;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;


public final class TopCampaigns {

    private TopCampaigns() {
    }

    public static List<CampaignSummary> byCtr(Collection<CampaignSummary> summaries, int n, long minImpressions) {
        return summaries.stream()
                .filter(s -> s.impressions() > minImpressions)
                .sorted(Comparator.comparingDouble(CampaignSummary::ctr).reversed()
                        .thenComparing(CampaignSummary::campaignId))
                .limit(n)
                .toList();
    }
}
