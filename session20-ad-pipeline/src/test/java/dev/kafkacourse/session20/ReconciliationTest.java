package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exercise 3: the reconciliation at the end of a run. Pure logic on generated traffic with duplicates. */
class ReconciliationTest {

    private static GeneratedEvents traffic;
    private static long malformed;

    @BeforeAll
    static void traffic() {
        traffic = AdEventGenerator.builder().seed(2003).impressions(800).campaigns(5)
                .startingAt(Instant.now().minus(Duration.ofMinutes(30))).duplicateRate(0.05).malformedRate(0.02)
                .build().generate();
        malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        assertThat(traffic.count(GeneratedRecord.Kind.DUPLICATE)).as("precondition: duplicates in the data")
                .isPositive();
        assertThat(malformed).as("precondition: malformed records in the data").isPositive();
    }

    private static Map<String, CampaignStats> correctCounts() {
        return new TreeMap<>(traffic.expectedStats());
    }

    @Test
    void aCorrectRunIsExactlyOnceWithOneEqualRowPerCampaign() {
        ReconciliationReport report = Reconciliation.reconcile(traffic, correctCounts(), malformed);

        assertThat(report.exactlyOnce()).as("each distinct event counted once, every malformed record dead-lettered")
                .isTrue();
        assertThat(report.rows()).extracting(ReconciliationReport.Row::campaignId)
                .containsExactlyElementsOf(traffic.expectedStats().keySet());
        assertThat(report.rows()).allMatch(ReconciliationReport.Row::equal);
        assertThat(report.rows()).extracting(ReconciliationReport.Row::expected)
                .containsExactlyElementsOf(traffic.expectedStats().values());
        assertThat(report.malformedGenerated()).isEqualTo(malformed);
        assertThat(report.deadLettered()).isEqualTo(malformed);
    }

    @Test
    void countingARetriedSendTwiceIsNotExactlyOnce() {
        ReconciliationReport report = Reconciliation.reconcile(traffic,
                new TreeMap<>(traffic.expectedStatsWithDuplicates()), malformed);

        assertThat(report.exactlyOnce()).as("counts that include the duplicates are at-least-once counts").isFalse();
        assertThat(report.rows()).anyMatch(row -> !row.equal());
    }

    @Test
    void aCampaignThePipelineNeverCountedIsAMismatch() {
        Map<String, CampaignStats> counted = correctCounts();
        String missing = counted.keySet().iterator().next();
        counted.remove(missing);

        ReconciliationReport report = Reconciliation.reconcile(traffic, counted, malformed);

        assertThat(report.exactlyOnce()).isFalse();
        assertThat(report.rows()).filteredOn(row -> row.campaignId().equals(missing)).singleElement()
                .satisfies(row -> {
                    assertThat(row.counted()).isEqualTo(CampaignStats.EMPTY);
                    assertThat(row.equal()).isFalse();
                });
    }

    @Test
    void aCampaignTheGeneratorNeverMadeIsAMismatch() {
        Map<String, CampaignStats> counted = correctCounts();
        counted.put("c-999", new CampaignStats(1, 0, 1_000));

        ReconciliationReport report = Reconciliation.reconcile(traffic, counted, malformed);

        assertThat(report.exactlyOnce()).isFalse();
        assertThat(report.rows()).filteredOn(row -> row.campaignId().equals("c-999")).singleElement()
                .satisfies(row -> assertThat(row.expected()).isEqualTo(CampaignStats.EMPTY));
    }

    @Test
    void oneClickTooManyOrAMissingDeadLetterIsNotExactlyOnce() {
        Map<String, CampaignStats> counted = correctCounts();
        String campaign = counted.keySet().iterator().next();
        CampaignStats right = counted.get(campaign);
        counted.put(campaign, new CampaignStats(right.impressions(), right.clicks() + 1, right.spendMicros()));
        assertThat(Reconciliation.reconcile(traffic, counted, malformed).rows())
                .filteredOn(row -> !row.equal()).extracting(ReconciliationReport.Row::campaignId)
                .containsExactly(campaign);

        ReconciliationReport lostOne = Reconciliation.reconcile(traffic, correctCounts(), malformed - 1);
        assertThat(lostOne.exactlyOnce()).as("a malformed record missing from the dead-letter topic is lost")
                .isFalse();
        ReconciliationReport twice = Reconciliation.reconcile(traffic, correctCounts(), malformed + 1);
        assertThat(twice.exactlyOnce()).as("a dead letter written twice").isFalse();
    }
}
