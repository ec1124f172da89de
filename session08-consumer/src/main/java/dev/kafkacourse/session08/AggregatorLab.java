package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab 1: one {@link AdStatsAggregator} counts impressions, clicks and spend per campaign, skipping malformed
 * records, and commits after each poll once the counts are updated. The counts match the generator exactly, the
 * committed offsets reach the end of every partition, and a restarted aggregator in the same group reads only
 * what came after the commit.
 */
public final class AggregatorLab {

    private AggregatorLab() {
    }

    /** What the lab observed. */
    record Result(int recordsSent, long eventsCounted, long skipped, long malformedSent,
            Map<String, CampaignStats> counted, Map<String, CampaignStats> expected,
            Map<TopicPartition, Long> committed, Map<TopicPartition, Long> endOffsets,
            long eventsAfterRestart, Map<String, CampaignStats> countedAfterRestart,
            Map<String, CampaignStats> expectedAfterRestart) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        LabRunner.run("session08 aggregator", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(8).impressions(impressions).campaigns(8)
                .malformedRate(0.002).build().generate();
        String topic = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, topic, traffic.records());
        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        out.printf("Produced %,d records to %s (3 partitions): %,d events and %d malformed records%n%n",
                traffic.records().size(), topic, traffic.distinctEvents().size(), malformed);

        String group = kafka.groupId("ad-stats");
        Map<String, CampaignStats> counted;
        long events;
        long skipped;
        try (AdStatsAggregator aggregator = AdStatsAggregator.builder(
                Members.config(kafka, group, "aggregator", null), topic).build()) {
            long start = System.nanoTime();
            Members.pollUntil("all records counted", aggregator,
                    () -> aggregator.eventsCounted() + aggregator.skippedCount() >= traffic.records().size());
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.printf("Aggregator counted %,d events and skipped %d records in %,d ms, %d commits%n",
                    aggregator.eventsCounted(), aggregator.skippedCount(), millis, aggregator.commits());
            out.println();
            printTable(out, aggregator.snapshot(), traffic.expectedStats());
            counted = aggregator.snapshot();
            events = aggregator.eventsCounted();
            skipped = aggregator.skippedCount();
        }

        Map<TopicPartition, Long> committed = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        committed.putAll(Offsets.committed(kafka.admin(), group));
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        out.println();
        out.println("Committed offsets of group " + group + ":");
        committed.forEach((tp, offset) -> out.printf("  partition %d: committed %,6d   end offset %,6d   lag %d%n",
                tp.partition(), offset, ends.get(tp), ends.get(tp) - offset));

        // A restart in the same group: it starts at the committed offsets, so it counts only the new traffic.
        GeneratedEvents more = AdEventGenerator.builder().seed(88).impressions(impressions / 10).campaigns(8)
                .build().generate();
        AdEventRecords.sendGenerated(producer, topic, more.records());
        Map<TopicPartition, Long> newEnds = Offsets.end(kafka.admin(), topic);
        try (AdStatsAggregator restarted = AdStatsAggregator.builder(
                Members.config(kafka, group, "aggregator-restarted", null), topic).build()) {
            Members.pollUntil("the new events counted", restarted,
                    () -> Members.caughtUp(List.of(restarted), newEnds));
            out.printf("%nProduced %,d more events; a restarted aggregator in the same group counted %,d events: "
                    + "%s%n", more.distinctEvents().size(), restarted.eventsCounted(),
                    restarted.snapshot().equals(more.expectedStats()) ? "exactly the new ones" : "NOT the new ones");
            return new Result(traffic.records().size(), events, skipped, malformed, counted,
                    traffic.expectedStats(), committed, ends, restarted.eventsCounted(), restarted.snapshot(),
                    more.expectedStats());
        }
    }

    static void printTable(PrintStream out, Map<String, CampaignStats> counted, Map<String, CampaignStats> expected) {
        out.println("campaign  impressions  clicks    CTR      spend  matches generator");
        counted.forEach((campaign, s) -> out.printf("%-8s  %11d  %6d  %5.2f%%  %9.2f  %s%n", campaign,
                s.impressions(), s.clicks(), 100 * s.ctr(), s.spendMicros() / 1_000_000.0,
                s.equals(expected.get(campaign)) ? "yes" : "NO"));
    }
}
