package dev.kafkacourse.session20;

import dev.kafkacourse.session13.Campaign;
import dev.kafkacourse.session13.CampaignStatus;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The seeded traffic of a pipeline run and the campaigns it belongs to. */
public final class Traffic {

    private Traffic() {
    }

    /**
     * About {@code records} records (impressions, clicks, 3% duplicates, 3% late by a minute, 1% malformed) for
     * {@code campaigns} campaigns, whose event times span the last {@code span} and end about half a minute ago:
     * every window can close within the run and nothing runs ahead of the broker's clock.
     */
    public static GeneratedEvents generate(long seed, int records, int campaigns, Duration span) {
        int impressions = Math.max(100, (int) (records / 1.16));
        Instant start = Instant.now().minus(span).minusSeconds(60).truncatedTo(ChronoUnit.MINUTES);
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(campaigns)
                .eventsPerSecond(impressions / (double) span.toSeconds()).clickThroughRate(0.08).startingAt(start)
                .duplicateRate(0.03).lateEvents(0.03, Duration.ofSeconds(60)).malformedRate(0.01)
                .build().generate();
    }

    /**
     * About {@code records} records with event times from {@code start} over {@code span}, for runs that post one
     * batch of traffic after another into the same pipeline: each must start after the previous one's stream time
     * minus grace, or its events land in windows that are already closed.
     */
    public static GeneratedEvents generateFrom(long seed, int records, int campaigns, Instant start, Duration span) {
        int impressions = Math.max(100, (int) (records / 1.16));
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(campaigns)
                .eventsPerSecond(impressions / (double) Math.max(1, span.toSeconds())).clickThroughRate(0.08)
                .startingAt(start).duplicateRate(0.03).lateEvents(0.03, Duration.ofSeconds(60)).malformedRate(0.01)
                .build().generate();
    }

    /** The campaigns of a run for the {@code campaigns} topic: budgets set so some run over. */
    public static List<Campaign> campaigns(GeneratedEvents traffic) {
        List<Campaign> result = new ArrayList<>();
        int rank = 1;
        for (var entry : traffic.expectedStats().entrySet()) {
            long budget = (long) (entry.getValue().spendMicros() * (rank % 3 == 0 ? 0.8 : 1.5 + rank * 0.1));
            result.add(new Campaign(entry.getKey(), "Campaign " + entry.getKey().toUpperCase(), budget,
                    CampaignStatus.ACTIVE));
            rank++;
        }
        return result;
    }

    /**
     * The records actually posted and the figures they should give (each distinct event once): what a run stopped
     * early is reconciled against. When everything was posted, the generator's own figures.
     */
    public static GeneratedEvents posted(GeneratedEvents traffic, List<GeneratedRecord> records) {
        if (records.size() == traffic.records().size()) {
            return traffic;
        }
        TreeMap<String, CampaignStats> distinct = new TreeMap<>();
        TreeMap<String, CampaignStats> all = new TreeMap<>();
        Set<java.util.UUID> seen = new HashSet<>();
        for (GeneratedRecord record : records) {
            if (record.isMalformed()) {
                continue;
            }
            AdEvent event = record.event();
            all.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
            if (seen.add(event.eventId())) {
                distinct.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
            }
        }
        return new GeneratedEvents(records, distinct, all);
    }
}
