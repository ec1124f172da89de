// Known-wrong answer: divides two longs, so every CTR below 100 % becomes 0
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
            if (!seen.add(event.eventId())) {
                continue;
            }
            long[] t = totals.computeIfAbsent(event.campaignId(), c -> new long[3]);
            t[event.isClick() ? 1 : 0]++;
            t[2] += event.costMicros();
        }
        Map<String, CampaignSummary> summaries = new TreeMap<>();
        totals.forEach((campaign, t) -> summaries.put(campaign,
                new CampaignSummary(campaign, t[0], t[1], t[0] == 0 ? 0.0 : t[1] / t[0], t[2])));
        return summaries;
    }
}
