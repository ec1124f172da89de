package dev.kafkacourse.support.domain;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * What {@link AdEventGenerator#generate()} made, with the exact answers a correct consumer must arrive at. The
 * expected figures are counted while generating, not derived from the records afterwards.
 *
 * @param records                   every record in send order
 * @param expectedStats             per campaign, each distinct valid event counted once
 * @param expectedStatsWithDuplicates per campaign, duplicates counted again (what an at-least-once count gives)
 */
public record GeneratedEvents(
        List<GeneratedRecord> records,
        SortedMap<String, CampaignStats> expectedStats,
        SortedMap<String, CampaignStats> expectedStatsWithDuplicates) {

    public GeneratedEvents {
        records = List.copyOf(records);
        expectedStats = Collections.unmodifiableSortedMap(expectedStats);
        expectedStatsWithDuplicates = Collections.unmodifiableSortedMap(expectedStatsWithDuplicates);
    }

    /** Distinct valid events (VALID and LATE), in send order. */
    public List<AdEvent> distinctEvents() {
        return records.stream()
                .filter(r -> r.kind() == GeneratedRecord.Kind.VALID || r.kind() == GeneratedRecord.Kind.LATE)
                .map(GeneratedRecord::event)
                .toList();
    }

    /** Every valid event in send order, duplicates included. */
    public List<AdEvent> allEvents() {
        return records.stream().filter(r -> !r.isMalformed()).map(GeneratedRecord::event).toList();
    }

    public long count(GeneratedRecord.Kind kind) {
        return records.stream().filter(r -> r.kind() == kind).count();
    }

    /** Totals over all campaigns. */
    public CampaignStats expectedTotal() {
        return expectedStats.values().stream().reduce(CampaignStats.EMPTY, CampaignStats::plus);
    }

}
