package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.AdEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exercise 2: CampaignReport. */
class CampaignReportTest {

    @Test
    void matchesTheGeneratorsExactCounts() {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(5).impressions(8_000).campaigns(15)
                .clickThroughRate(0.07).build().generate();

        Map<String, CampaignSummary> report = CampaignReport.summarize(traffic.distinctEvents());

        assertMatches(report, traffic.expectedStats());
    }

    @Test
    void countsAnEventOnceHoweverOftenItWasSent() {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(6).impressions(5_000).duplicateRate(0.2)
                .build().generate();
        assertThat(traffic.expectedStatsWithDuplicates()).as("test setup").isNotEqualTo(traffic.expectedStats());
        // A retried send arrives whenever the retry happens, not right after the first copy: mixed up, most
        // duplicates are far from their original.
        List<AdEvent> arrived = new ArrayList<>(traffic.allEvents());
        Collections.shuffle(arrived, new Random(6));
        assertThat(farApartDuplicates(arrived)).as("test setup: duplicates not next to their original")
                .isGreaterThan(100);

        Map<String, CampaignSummary> report = CampaignReport.summarize(arrived);

        assertMatches(report, traffic.expectedStats());
    }

    @Test
    void aCampaignWithClicksButNoImpressionsHasACtrOfZero() {
        // A batch cut between an impression and its click: the clicks of c-002 arrived, its impressions did not.
        GeneratedEvents traffic = AdEventGenerator.builder().seed(7).impressions(3_000).campaigns(5)
                .clickThroughRate(0.1).build().generate();
        String campaign = AdEventGenerator.campaignId(2);
        List<AdEvent> batch = traffic.distinctEvents().stream()
                .filter(e -> !(e.campaignId().equals(campaign) && e.isImpression())).toList();
        List<AdEvent> clicks = batch.stream().filter(e -> e.campaignId().equals(campaign)).toList();
        assertThat(clicks).as("test setup").isNotEmpty();

        CampaignSummary summary = CampaignReport.summarize(batch).get(campaign);

        assertThat(summary).as("a summary for %s", campaign).isNotNull();
        assertThat(summary.impressions()).isZero();
        assertThat(summary.clicks()).isEqualTo(clicks.size());
        assertThat(summary.spendMicros()).isEqualTo(clicks.stream().mapToLong(AdEvent::costMicros).sum());
        assertThat(summary.ctr()).as("CTR without impressions").isEqualTo(0.0);
    }

    @Test
    void noEventsNoCampaigns() {
        assertThat(CampaignReport.summarize(List.of())).isEmpty();
    }

    /** Duplicates that are not right after an earlier copy of the same event. */
    private static long farApartDuplicates(List<AdEvent> events) {
        Set<UUID> seen = new HashSet<>();
        long far = 0;
        for (int i = 0; i < events.size(); i++) {
            if (!seen.add(events.get(i).eventId()) && (i == 0 || !events.get(i - 1).eventId().equals(events.get(i).eventId()))) {
                far++;
            }
        }
        return far;
    }

    private static void assertMatches(Map<String, CampaignSummary> report, Map<String, CampaignStats> expected) {
        assertThat(report).containsOnlyKeys(expected.keySet());
        expected.forEach((campaign, stats) -> {
            CampaignSummary summary = report.get(campaign);
            assertThat(summary.campaignId()).isEqualTo(campaign);
            assertThat(summary.impressions()).as("impressions of %s", campaign).isEqualTo(stats.impressions());
            assertThat(summary.clicks()).as("clicks of %s", campaign).isEqualTo(stats.clicks());
            assertThat(summary.spendMicros()).as("spend of %s", campaign).isEqualTo(stats.spendMicros());
            assertThat(summary.ctr()).as("CTR of %s", campaign).isCloseTo(stats.ctr(), within(1e-9));
        });
    }
}
