package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.CampaignStats;
import java.util.List;

/**
 * The end of a pipeline run: per campaign what the generator made (each distinct event once) against what the
 * pipeline counted, and the dead letters against the malformed records sent.
 *
 * @param rows               one row per campaign the generator made or the pipeline counted, sorted by campaign
 * @param malformedGenerated malformed records the generator made
 * @param deadLettered       records found on the dead-letter topic
 * @param exactlyOnce        every row equal and every malformed record dead-lettered exactly once
 */
public record ReconciliationReport(List<Row> rows, long malformedGenerated, long deadLettered, boolean exactlyOnce) {

    public ReconciliationReport {
        rows = List.copyOf(rows);
    }

    /** One campaign: expected (from the generator) vs counted (by the pipeline); a missing side is EMPTY. */
    public record Row(String campaignId, CampaignStats expected, CampaignStats counted, boolean equal) {
    }
}
