package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.util.List;
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

        Map<String, CampaignSummary> report = CampaignReport.summarize(traffic.allEvents());

        assertMatches(report, traffic.expectedStats());
    }

    @Test
    void noEventsNoCampaigns() {
        assertThat(CampaignReport.summarize(List.of())).isEmpty();
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
