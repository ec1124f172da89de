package dev.kafkacourse.session19;

import dev.kafkacourse.session19.ExpectedWindows.WindowKey;
import dev.kafkacourse.support.dlq.DeadLetters;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 1: the ad-stats application on the broker. Generated traffic with duplicates, late events and malformed
 * records goes to {@code ad-events}; {@code ad-stats-1m} gets exactly one final record per campaign and minute,
 * equal to the generator's figures; the malformed records are on {@code ad-events-dlq} with their reason; and the
 * running application answers interactive queries on its windowed store by campaign and time range.
 */
public final class AdStatsLab {

    static final int PARTITIONS = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private AdStatsLab() {
    }

    /** One dead-letter record as read back. */
    record DeadLetter(String reason, String exceptionClass, String message, String topic, int partition, long offset,
            String consumerGroup, String failedAt) {
    }

    /** What the lab observed. */
    record Result(GeneratedEvents traffic, SortedMap<WindowKey, CampaignStats> expected,
            SortedMap<WindowKey, CampaignStats> published, List<DeadLetter> deadLetters,
            List<AdStats> queriedCampaign, List<AdStats> queriedRange, Instant rangeFrom, Instant rangeTo) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        LabRunner.run("session19 ad-stats", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        // Event times start 30 minutes ago: every window can close, and nothing runs ahead of the broker's clock.
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        GeneratedEvents traffic = AdEventGenerator.builder().seed(19).impressions(impressions).campaigns(5)
                .eventsPerSecond(impressions / 240.0).clickThroughRate(0.08).startingAt(start)
                .duplicateRate(0.03).lateEvents(0.03, Duration.ofSeconds(90)).malformedRate(0.01)
                .build().generate();
        AdStatsConfig config = AdStatsConfig.defaults().withTopics(kafka.createTopic("ad-events", PARTITIONS),
                kafka.createTopic("ad-stats-1m", PARTITIONS), kafka.createTopic("ad-events-dlq", 1));
        SortedMap<WindowKey, CampaignStats> expected = ExpectedWindows.tumbling(traffic, config.windowSize());
        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        out.printf("Generated %,d records: %,d distinct events (%d of them late by 90 s), %d duplicates, %d malformed%n",
                traffic.records().size(), traffic.distinctEvents().size(), traffic.count(GeneratedRecord.Kind.LATE),
                traffic.count(GeneratedRecord.Kind.DUPLICATE), malformed);
        out.printf("Expected from the generator: %d campaign-windows; window %s, grace %s, exactly_once_v2%n%n",
                expected.size(), config.windowSize(), config.grace());

        try (AdStatsApp app = AdStatsApp.start(config, kafka.commonConfig(), kafka.groupId("ad-stats-app"))) {
            KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
            AdEventRecords.sendGenerated(producer, config.inputTopic(), traffic.records());
            long lastEventTime = traffic.allEvents().stream().mapToLong(AdEvent::timestamp).max().orElseThrow();
            long tickTime = lastEventTime + config.windowSize().plus(config.grace()).toMillis() + 1_000;
            StreamTimeTicks.sendToEveryPartition(producer, config.inputTopic(), PARTITIONS, tickTime);
            out.printf("Sent everything, then one tick per partition at %s to move stream time past the last window + grace%n",
                    TIME.format(Instant.ofEpochMilli(tickTime)));

            SortedMap<WindowKey, CampaignStats> published = ExpectedWindows.of(readStats(kafka, config, expected.size()));
            List<DeadLetter> deadLetters = readDeadLetters(kafka, config, (int) malformed);
            printWindows(out, expected, published);
            out.printf("%nPer-campaign totals over all windows equal the generator's own totals: %s%n",
                    ExpectedWindows.perCampaign(published).equals(traffic.expectedStats()) ? "yes" : "NO");
            out.printf("%n%d records on %s; the first ones' headers:%n", deadLetters.size(), config.deadLetterTopic());
            deadLetters.stream().limit(4).forEach(d -> out.printf("  partition %d offset %-5d %-16s %s: %s%n",
                    d.partition(), d.offset(), d.reason(), d.exceptionClass().substring(d.exceptionClass().lastIndexOf('.') + 1),
                    d.message().length() > 70 ? d.message().substring(0, 70) + "..." : d.message()));

            String campaign = AdEventGenerator.campaignId(1);
            Instant from = Instant.ofEpochMilli(expected.firstKey().windowStart());
            Instant to = from.plus(Duration.ofMinutes(10));
            List<AdStats> queriedCampaign = app.query(campaign, from, to);
            Instant rangeFrom = from.plus(Duration.ofMinutes(1));
            Instant rangeTo = from.plus(Duration.ofMinutes(2));
            List<AdStats> queriedRange = app.queryAll(rangeFrom, rangeTo).stream()
                    .filter(s -> !s.campaignId().equals(StreamTimeTicks.CAMPAIGN)).toList();
            out.printf("%nInteractive query: store %s, key %s, windows starting %s..%s%n", AdStatsConfig.STATS_STORE,
                    campaign, TIME.format(from), TIME.format(to));
            queriedCampaign.forEach(s -> out.printf("  %s  impressions %4d  clicks %3d  CTR %5.2f%%  spend %,10d%n",
                    TIME.format(Instant.ofEpochMilli(s.windowStart())), s.impressions(), s.clicks(), s.ctr() * 100,
                    s.spendMicros()));
            out.printf("Interactive query: every campaign, windows starting %s..%s: %d windows%n",
                    TIME.format(rangeFrom), TIME.format(rangeTo), queriedRange.size());
            return new Result(traffic, expected, published, deadLetters, queriedCampaign, queriedRange, rangeFrom,
                    rangeTo);
        }
    }

    /** Final results are written in transactions: read them as a downstream consumer should, read_committed. */
    static List<AdStats> readStats(KafkaFixture kafka, AdStatsConfig config, int count) {
        KafkaConsumer<String, AdStats> consumer = kafka.consumer(kafka.groupId("read-stats"),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                AdStatsTopology.AD_STATS.deserializer());
        consumer.subscribe(List.of(config.statsTopic()));
        List<AdStats> stats = new ArrayList<>();
        Consume.records(consumer, count, Duration.ofSeconds(60)).forEach(r -> stats.add(r.value()));
        return stats;
    }

    private static List<DeadLetter> readDeadLetters(KafkaFixture kafka, AdStatsConfig config, int count) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(kafka.groupId("read-dlq"),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.deadLetterTopic()));
        List<DeadLetter> result = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : Consume.records(consumer, count, Duration.ofSeconds(60))) {
            result.add(new DeadLetter(DeadLetters.text(r.headers(), DeadLetters.REASON),
                    DeadLetters.text(r.headers(), DeadLetters.EXCEPTION_CLASS),
                    DeadLetters.text(r.headers(), DeadLetters.EXCEPTION_MESSAGE),
                    DeadLetters.text(r.headers(), DeadLetters.ORIGINAL_TOPIC),
                    Integer.parseInt(DeadLetters.text(r.headers(), DeadLetters.ORIGINAL_PARTITION)),
                    Long.parseLong(DeadLetters.text(r.headers(), DeadLetters.ORIGINAL_OFFSET)),
                    DeadLetters.text(r.headers(), DeadLetters.CONSUMER_GROUP),
                    DeadLetters.text(r.headers(), DeadLetters.FAILED_AT)));
        }
        return result;
    }

    private static void printWindows(PrintStream out, SortedMap<WindowKey, CampaignStats> expected,
            SortedMap<WindowKey, CampaignStats> published) {
        out.printf("%n%-8s %-6s %12s %8s %7s %12s   %s%n", "campaign", "window", "impressions", "clicks", "CTR",
                "spend(µ)", "= generator");
        expected.forEach((key, want) -> {
            CampaignStats got = published.get(key);
            out.printf("%-8s %-6s %12s %8s %7s %12s   %s%n", key.campaignId(),
                    TIME.format(Instant.ofEpochMilli(key.windowStart())),
                    got == null ? "-" : String.format("%,d", got.impressions()),
                    got == null ? "-" : String.format("%,d", got.clicks()),
                    got == null ? "-" : String.format("%.2f%%", got.ctr() * 100),
                    got == null ? "-" : String.format("%,d", got.spendMicros()),
                    want.equals(got) ? "yes" : "NO (expected " + want + ")");
        });
        published.keySet().stream().filter(key -> !expected.containsKey(key))
                .forEach(key -> out.printf("%-8s %-6s unexpected window%n", key.campaignId(),
                        TIME.format(Instant.ofEpochMilli(key.windowStart()))));
    }
}
