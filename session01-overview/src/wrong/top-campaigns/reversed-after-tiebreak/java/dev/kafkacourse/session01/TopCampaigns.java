// Known-wrong answer: reverses the whole comparator, tie-break included, so equal CTRs come out in descending campaignId order
package dev.kafkacourse.session01;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

public final class TopCampaigns {

    private TopCampaigns() {
    }

    public static List<CampaignSummary> byCtr(Collection<CampaignSummary> summaries, int n, long minImpressions) {
        return summaries.stream()
                .filter(s -> s.impressions() >= minImpressions)
                .sorted(Comparator.comparingDouble(CampaignSummary::ctr)
                        .thenComparing(CampaignSummary::campaignId).reversed())
                .limit(n)
                .toList();
    }
}
