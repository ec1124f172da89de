// Known-wrong answer: compares CTRs as whole percentages, so 5.4 % and 5.0 % tie and the better campaign can rank below
package dev.kafkacourse.session01;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

public final class TopCampaigns {

    private TopCampaigns() {
    }

    public static List<CampaignSummary> byCtr(Collection<CampaignSummary> summaries, int n, long minImpressions) {
        List<CampaignSummary> ranked = new ArrayList<>();
        for (CampaignSummary s : summaries) {
            if (s.impressions() >= minImpressions) {
                ranked.add(s);
            }
        }
        ranked.sort((a, b) -> {
            int byCtr = (int) (b.ctr() * 100) - (int) (a.ctr() * 100);
            return byCtr != 0 ? byCtr : a.campaignId().compareTo(b.campaignId());
        });
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
