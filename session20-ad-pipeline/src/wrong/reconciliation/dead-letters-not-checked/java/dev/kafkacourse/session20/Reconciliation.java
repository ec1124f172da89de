// Known-wrong answer: declares exactly once from the counts alone: malformed records lost on the way to the dead-letter topic (or written twice) go unnoticed
package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares what the pipeline counted with what the generator sent, campaign by campaign, and the dead letters. */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * @param generated    the traffic sent, with its exact expected figures
     * @param counted      per campaign, what the pipeline counted (summed over all windows)
     * @param deadLettered how many records the dead-letter topic holds
     */
    public static ReconciliationReport reconcile(GeneratedEvents generated, Map<String, CampaignStats> counted,
            long deadLettered) {
        // A retried send carries the same eventId and must be counted once: compare with the distinct figures.
        Map<String, CampaignStats> expected = generated.expectedStats();
        TreeSet<String> campaigns = new TreeSet<>(expected.keySet());
        campaigns.addAll(counted.keySet());   // a campaign the generator never made is a mistake too
        List<ReconciliationReport.Row> rows = new ArrayList<>();
        boolean allEqual = true;
        for (String campaign : campaigns) {
            CampaignStats want = expected.getOrDefault(campaign, CampaignStats.EMPTY);
            CampaignStats got = counted.getOrDefault(campaign, CampaignStats.EMPTY);
            boolean equal = want.equals(got);
            allEqual &= equal;
            rows.add(new ReconciliationReport.Row(campaign, want, got, equal));
        }
        long malformed = generated.count(GeneratedRecord.Kind.MALFORMED);
        return new ReconciliationReport(rows, malformed, deadLettered, allEqual);
    }
}
