package dev.kafkacourse.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AdEventGeneratorTest {

    private static final Instant START = Instant.parse("2026-11-01T09:00:00Z");

    private static AdEventGenerator.Builder base() {
        return AdEventGenerator.builder().seed(7).startingAt(START).impressions(5_000);
    }

    @Test
    void sameSeedAndSettingsGiveTheSameRecords() {
        GeneratedEvents first = base().duplicateRate(0.02).lateEvents(0.02, Duration.ofMinutes(1)).malformedRate(0.01)
                .build().generate();
        GeneratedEvents second = base().duplicateRate(0.02).lateEvents(0.02, Duration.ofMinutes(1)).malformedRate(0.01)
                .build().generate();

        assertThat(second.records()).hasSameSizeAs(first.records());
        for (int i = 0; i < first.records().size(); i++) {
            assertThat(second.records().get(i).value()).isEqualTo(first.records().get(i).value());
            assertThat(second.records().get(i).kind()).isEqualTo(first.records().get(i).kind());
        }
        assertThat(second.expectedStats()).isEqualTo(first.expectedStats());
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        GeneratedEvents a = base().build().generate();
        GeneratedEvents b = base().seed(8).build().generate();
        assertThat(a.distinctEvents().get(0).eventId()).isNotEqualTo(b.distinctEvents().get(0).eventId());
    }

    @Test
    void expectedStatsMatchARecountOfTheDistinctEvents() {
        GeneratedEvents events = base().duplicateRate(0.05).lateEvents(0.05, Duration.ofMinutes(2)).malformedRate(0.02)
                .build().generate();

        assertThat(events.expectedStats()).isEqualTo(recount(events.distinctEvents()));
        assertThat(events.expectedStatsWithDuplicates()).isEqualTo(recount(events.allEvents()));
        assertThat(events.expectedTotal().impressions()).isEqualTo(5_000);
    }

    @Test
    void popularityIsZipfSkewed() {
        GeneratedEvents events = base().campaigns(20).zipfExponent(1.1).build().generate();
        Map<String, CampaignStats> stats = events.expectedStats();

        long top = stats.get(AdEventGenerator.campaignId(1)).impressions();
        long second = stats.get(AdEventGenerator.campaignId(2)).impressions();
        long last = stats.get(AdEventGenerator.campaignId(20)).impressions();
        double expectedTopShare = AdEventGenerator.zipfCumulative(20, 1.1)[1];
        assertThat((double) top / 5_000).isCloseTo(expectedTopShare, within(0.03));
        assertThat(top).isGreaterThan(second).isGreaterThan(3 * last);
    }

    @Test
    void clickThroughRateIsAsConfiguredAndClicksFollowTheirImpression() {
        GeneratedEvents events = base().impressions(20_000).clickThroughRate(0.1).build().generate();

        assertThat(events.expectedTotal().ctr()).isCloseTo(0.1, within(0.01));
        Map<UUID, AdEvent> impressions = new HashMap<>();
        for (AdEvent event : events.distinctEvents()) {
            if (event.isImpression()) {
                impressions.put(event.eventId(), event);
            } else {
                AdEvent impression = impressions.get(event.impressionId());
                assertThat(impression).as("impression of click %s sent before it", event.eventId()).isNotNull();
                assertThat(event.campaignId()).isEqualTo(impression.campaignId());
                assertThat(event.timestamp()).isGreaterThan(impression.timestamp());
            }
        }
    }

    @Test
    void withoutNoiseEventsComeInEventTimeOrderWithUniqueIds() {
        List<AdEvent> events = base().build().generate().distinctEvents();
        Set<UUID> ids = new HashSet<>();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).timestamp()).isGreaterThanOrEqualTo(events.get(i - 1).timestamp());
        }
        events.forEach(e -> assertThat(ids.add(e.eventId())).isTrue());
        assertThat(events.get(0).timestamp()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void duplicatesRepeatAnEarlierEventId() {
        GeneratedEvents events = base().duplicateRate(0.1).build().generate();
        Set<UUID> seen = new HashSet<>();
        long duplicates = 0;
        for (GeneratedRecord record : events.records()) {
            boolean isNew = seen.add(record.event().eventId());
            assertThat(isNew).as("record kind %s", record.kind()).isEqualTo(record.kind() != GeneratedRecord.Kind.DUPLICATE);
            duplicates += isNew ? 0 : 1;
        }
        assertThat(duplicates).isEqualTo(events.count(GeneratedRecord.Kind.DUPLICATE));
        assertThat((double) duplicates / events.distinctEvents().size()).isCloseTo(0.1, within(0.02));
    }

    @Test
    void lateEventsArriveAfterNewerEventsByTheirLateness() {
        Duration lateness = Duration.ofSeconds(10);   // the stream spans 50 s of event time
        GeneratedEvents events = base().lateEvents(0.05, lateness).build().generate();
        long lastTimestamp = events.distinctEvents().stream().mapToLong(AdEvent::timestamp).max().orElseThrow();
        long maxSeen = Long.MIN_VALUE;
        int late = 0;
        for (GeneratedRecord record : events.records()) {
            boolean beforeTheTail = record.event().timestamp() + lateness.toMillis() <= lastTimestamp;
            if (record.kind() == GeneratedRecord.Kind.LATE && beforeTheTail) {
                late++;
                assertThat(maxSeen - record.event().timestamp()).isGreaterThanOrEqualTo(lateness.toMillis() - 1_000);
            }
            maxSeen = Math.max(maxSeen, record.event().timestamp());
        }
        assertThat(late).isGreaterThan(100);
    }

    @Test
    void malformedRecordsDoNotParseAsAdEvents() {
        GeneratedEvents events = base().malformedRate(0.05).build().generate();
        List<GeneratedRecord> malformed = events.records().stream().filter(GeneratedRecord::isMalformed).toList();

        assertThat(malformed).hasSizeGreaterThan(150);
        assertThat(malformed).allSatisfy(record -> assertThatThrownBy(() -> AdEventJson.fromBytes(record.value()))
                .as(record.valueAsString()).isInstanceOf(SerializationException.class));
        assertThat(events.records().stream().filter(r -> !r.isMalformed()))
                .allSatisfy(r -> assertThat(AdEventJson.fromBytes(r.value())).isEqualTo(r.event()));
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> AdEventGenerator.builder().clickThroughRate(1.5)).hasMessageContaining("clickThroughRate");
        assertThatThrownBy(() -> AdEventGenerator.builder().campaigns(0)).hasMessageContaining("campaigns");
        assertThatThrownBy(() -> AdEventGenerator.builder().lateEvents(0.1, Duration.ZERO)).hasMessageContaining("lateness");
    }

    private static TreeMap<String, CampaignStats> recount(List<AdEvent> events) {
        TreeMap<String, CampaignStats> stats = new TreeMap<>();
        events.forEach(e -> stats.merge(e.campaignId(), CampaignStats.EMPTY.plus(e), CampaignStats::plus));
        return stats;
    }

    @Test
    void aLongRunEndsNowInsteadOfRunningAheadOfWhatABrokerAccepts() {
        // 10,000 impressions at 1 per second of event time: almost three hours, more than the broker's 1 h limit.
        GeneratedEvents events = AdEventGenerator.builder().impressions(10_000).eventsPerSecond(1).build().generate();
        long latest = events.allEvents().stream().mapToLong(AdEvent::timestamp).max().orElseThrow();
        long earliest = events.allEvents().stream().mapToLong(AdEvent::timestamp).min().orElseThrow();

        assertThat(latest).isLessThanOrEqualTo(System.currentTimeMillis() + AdEventGenerator.MAX_AHEAD.toMillis());
        assertThat(latest - earliest).isGreaterThan(Duration.ofHours(2).toMillis());
    }

    @Test
    void aShortRunStartsAtTheCurrentMinute() {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long first = AdEventGenerator.builder().impressions(10).build().generate().allEvents().stream()
                .mapToLong(AdEvent::timestamp).min().orElseThrow();

        assertThat(first).isBetween(before.toEpochMilli(), before.plus(Duration.ofMinutes(1)).toEpochMilli());
    }
}
