package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.util.Map;

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
        throw new UnsupportedOperationException("TODO: one row per campaign (expected vs counted), and exactly once "
                + "only when every row is equal and every malformed record is on the dead-letter topic");
    }
}
