// Known-wrong answer: skips an event only when it repeats the one just before it, so a duplicate that arrives later is counted twice
package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

public final class CampaignReport {

    private CampaignReport() {
    }

    public static Map<String, CampaignSummary> summarize(List<AdEvent> events) {
        Map<String, long[]> totals = new TreeMap<>();   // campaign -> {impressions, clicks, spend}
        UUID previous = null;
        for (AdEvent event : events) {
            if (event.eventId().equals(previous)) {
                continue;
            }
            previous = event.eventId();
            long[] t = totals.computeIfAbsent(event.campaignId(), c -> new long[3]);
            t[event.isClick() ? 1 : 0]++;
            t[2] += event.costMicros();
        }
        Map<String, CampaignSummary> summaries = new TreeMap<>();
        totals.forEach((campaign, t) -> summaries.put(campaign,
                new CampaignSummary(campaign, t[0], t[1], t[0] == 0 ? 0.0 : (double) t[1] / t[0], t[2])));
        return summaries;
    }
}
