package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Lab 2: the domain every later session works on. Generates a seeded day of ad traffic and shows an impression
 * and its click as JSON and as a log line, the skewed campaign popularity, and the noise real pipelines meet.
 * No Kafka yet: this is what will flow through it.
 */
public final class DomainModelLab {

    private DomainModelLab() {
    }

    public static void main(String[] args) {
        run(System.out, 42);
    }

    static GeneratedEvents run(PrintStream out, long seed) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(seed).impressions(10_000).campaigns(10)
                .clickThroughRate(0.04).duplicateRate(0.01).lateEvents(0.01, Duration.ofSeconds(30))
                .malformedRate(0.005).build().generate();

        AdEvent click = traffic.distinctEvents().stream().filter(AdEvent::isClick).findFirst().orElseThrow();
        AdEvent impression = traffic.distinctEvents().stream()
                .filter(e -> e.eventId().equals(click.impressionId())).findFirst().orElseThrow();
        out.println("An impression and the click on it, as JSON on the ad-events topic (key = campaignId):");
        out.println("  " + AdEventJson.toJson(impression));
        out.println("  " + AdEventJson.toJson(click));
        out.println("The same click as the ad server's log line:");
        out.println("  " + AdLogFormat.format(click));
        out.println();

        out.printf("Seed %d: %,d records (%,d impressions, %,d clicks)%n", seed, traffic.records().size(),
                traffic.expectedTotal().impressions(), traffic.expectedTotal().clicks());
        out.printf("Noise: %d duplicates, %d late, %d malformed%n%n", traffic.count(GeneratedRecord.Kind.DUPLICATE),
                traffic.count(GeneratedRecord.Kind.LATE), traffic.count(GeneratedRecord.Kind.MALFORMED));

        out.println("campaign  impressions  clicks    CTR    spend  popularity");
        long total = traffic.expectedTotal().impressions();
        for (Map.Entry<String, CampaignStats> entry : traffic.expectedStats().entrySet()) {
            CampaignStats stats = entry.getValue();
            out.printf("%-8s  %11d  %6d  %5.2f%%  %7.2f  %s%n", entry.getKey(), stats.impressions(), stats.clicks(),
                    100 * stats.ctr(), stats.spendMicros() / 1_000_000.0,
                    "#".repeat((int) Math.round(60.0 * stats.impressions() / total)));
        }
        return traffic;
    }
}
