// Known-wrong answer: adds the cost before checking for a duplicate, so counts are right but a re-sent click is billed twice
package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

public final class CampaignReport {

    private CampaignReport() {
    }

    public static Map<String, CampaignSummary> summarize(List<AdEvent> events) {
        Set<UUID> seen = new HashSet<>();
        Map<String, long[]> totals = new TreeMap<>();   // campaign -> {impressions, clicks, spend}
        for (AdEvent event : events) {
            long[] t = totals.computeIfAbsent(event.campaignId(), c -> new long[3]);
            t[2] += event.costMicros();
            if (seen.add(event.eventId())) {
                t[event.isClick() ? 1 : 0]++;
            }
        }
        Map<String, CampaignSummary> summaries = new TreeMap<>();
        totals.forEach((campaign, t) -> summaries.put(campaign,
                new CampaignSummary(campaign, t[0], t[1], t[0] == 0 ? 0.0 : (double) t[1] / t[0], t[2])));
        return summaries;
    }
}
