package dev.kafkacourse.session13;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 3: {@code campaigns} as a compacted topic. The log cleaner keeps the latest record per key, removes tombstoned
 * keys (after {@code delete.retention.ms}), and never touches the active segment. Then the same edits on a
 * {@code compact,delete} topic: retention also deletes old segments, so campaigns that simply have not changed for
 * a while vanish from the table.
 */
public final class CompactionLab {

    static final Duration EDIT_GAP = Duration.ofMinutes(1);
    /** Shorter than the gap between edits, so every edit rolls a segment and can be cleaned. */
    static final long SEGMENT_MS = Duration.ofSeconds(30).toMillis();
    /**
     * How long a tombstone stays readable after the cleaning that first saw it. 0 only so the lab needs a single
     * extra cleaning; production keeps the default (1 day): see the guide.
     */
    static final long DELETE_RETENTION_MS = 0;
    static final long RETENTION_MS_WITH_DELETE = Duration.ofHours(1).toMillis();
    private static final Duration CLEANER_WAIT = Duration.ofSeconds(60);

    private CompactionLab() {
    }

    /** A record as the log holds it; {@code value == null} is a tombstone. */
    record LogEntry(long offset, String key, Campaign value) {
    }

    record Result(Map<String, Campaign> expectedTable, List<LogEntry> before, List<Long> segmentsBefore,
            List<LogEntry> afterFirstCleaning, List<LogEntry> compacted, List<Long> segmentsAfter,
            List<LogEntry> compactDelete) {
    }

    public static void main(String[] args) {
        TuningLabRunner.run("session13 compaction", true, CompactionLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        KafkaProducer<String, Campaign> producer = kafka.producer(new StringSerializer(), CampaignJson.serializer());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        List<CampaignEdits.Edit> edits = new ArrayList<>(CampaignEdits.day(start, EDIT_GAP));

        out.println("1) cleanup.policy=compact");
        // min.compaction.lag.ms=1h holds the cleaner back (the edits are 30 minutes old), so the raw log can be seen.
        String campaigns = kafka.createTopic("campaigns", 1, kafka.defaultReplicationFactor(), Map.of(
                "cleanup.policy", "compact",
                "segment.ms", String.valueOf(SEGMENT_MS),
                "min.cleanable.dirty.ratio", "0.01",
                "min.compaction.lag.ms", String.valueOf(Duration.ofHours(1).toMillis()),
                "delete.retention.ms", String.valueOf(DELETE_RETENTION_MS),
                "file.delete.delay.ms", "1000"));
        TopicPartition partition = new TopicPartition(campaigns, 0);
        CampaignEdits.publish(producer, campaigns, edits);
        List<LogEntry> before = read(kafka, partition);
        LogInspector.Snapshot segmentsBefore = LogInspector.snapshot(admin, partition);
        out.printf("Published %d edits to %s, one per minute of edit time from %s (segment.ms=%,d,%n"
                + "min.compaction.lag.ms=3,600,000: nothing is cleanable yet)%n", edits.size(), campaigns,
                SegmentRollLab.time(start.toEpochMilli()), SEGMENT_MS);
        print(out, "the log as written", before, segmentsBefore);

        long cleanStart = System.nanoTime();
        TopicConfigs.alterTopic(admin, campaigns, Map.of("min.compaction.lag.ms", "0"));
        out.println("\nSet min.compaction.lag.ms=0");
        List<LogEntry> firstPass = Awaitility.await("first cleaning of " + campaigns).atMost(CLEANER_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> read(kafka, partition), CompactionLab::keysAreUnique);
        out.printf("After %d ms the cleaner has kept the latest record per key; the tombstone stays for now:%n",
                (System.nanoTime() - cleanStart) / 1_000_000);
        print(out, "after the first cleaning", firstPass, LogInspector.snapshot(admin, partition));

        // Tombstones go in a later cleaning, and a cleaning needs new dirty segments: the next edit rolls one.
        CampaignEdits.Edit next = new CampaignEdits.Edit("c-005",
                new Campaign("c-005", "Summer preview", 40_000_000, CampaignStatus.PAUSED),
                start.plus(EDIT_GAP.multipliedBy(edits.size())).toEpochMilli());
        edits.add(next);
        CampaignEdits.publish(producer, campaigns, List.of(next));
        Map<String, Campaign> table = new LinkedHashMap<>(CampaignEdits.tableAfterDay());
        table.put(next.key(), next.campaign());
        List<LogEntry> compacted = Awaitility.await("tombstones removed from " + campaigns).atMost(CLEANER_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> read(kafka, partition), log -> log.stream().noneMatch(e -> e.value() == null));
        LogInspector.Snapshot segmentsAfter = Awaitility.await("cleaned segment files").atMost(CLEANER_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> LogInspector.snapshot(admin, partition), s -> !s.hasDeletedFiles());
        out.printf("%nPublished one more edit (c-005 created); the cleaning it triggered removed the tombstone:%n");
        print(out, "after the next cleaning", compacted, segmentsAfter);
        out.printf("  a consumer reading from the beginning gets exactly the campaign table %s: %s%n", table.keySet(),
                isExactly(compacted, table) ? "yes" : "NO");

        out.println();
        out.printf("2) cleanup.policy=compact,delete with retention.ms=%,d: the same day of edits, made 3 hours%n"
                + "   ago, and one edit now%n", RETENTION_MS_WITH_DELETE);
        String withDelete = kafka.createTopic("campaigns", 1, kafka.defaultReplicationFactor(), Map.of(
                "cleanup.policy", "compact,delete",
                "retention.ms", String.valueOf(RETENTION_MS_WITH_DELETE),
                "segment.ms", String.valueOf(SEGMENT_MS),
                "min.cleanable.dirty.ratio", "0.01",
                "delete.retention.ms", String.valueOf(DELETE_RETENTION_MS)));
        List<CampaignEdits.Edit> oldEdits = new ArrayList<>(CampaignEdits.day(start.minus(Duration.ofHours(3)),
                EDIT_GAP));
        oldEdits.add(new CampaignEdits.Edit(next.key(), next.campaign(), System.currentTimeMillis()));
        CampaignEdits.publish(producer, withDelete, oldEdits);
        TopicPartition deletePartition = new TopicPartition(withDelete, 0);
        List<LogEntry> afterRetention = Awaitility.await("retention on " + withDelete).atMost(CLEANER_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> read(kafka, deletePartition), log -> log.size() == 1);
        print(out, "after retention", afterRetention, null);
        out.printf("  the table is %s, but a consumer reading from the beginning finds only %s%n",
                table.keySet(), afterRetention.stream().map(LogEntry::key).toList());
        return new Result(table, before, segmentsBefore.liveBaseOffsets(), firstPass, compacted,
                segmentsAfter.liveBaseOffsets(), afterRetention);
    }

    /** Every record from the log start to the end offset, tombstones included, as an operator's dump shows it. */
    static List<LogEntry> read(KafkaFixture kafka, TopicPartition partition) {
        // No group: assign() needs none, and a group would make close() try to commit.
        Map<String, Object> config = kafka.commonConfig();
        try (KafkaConsumer<String, Campaign> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                CampaignJson.deserializer())) {
            return Consume.toEnd(consumer, partition.topic(), Duration.ofSeconds(30)).stream()
                    .filter(r -> r.partition() == partition.partition())
                    .map(r -> new LogEntry(r.offset(), r.key(), r.value())).toList();
        }
    }

    /** One record per campaign of the table, each with the table's value: nothing stale, no tombstone. */
    private static boolean isExactly(List<LogEntry> log, Map<String, Campaign> table) {
        return log.size() == table.size() && log.stream().allMatch(e -> e.value() != null
                && e.value().equals(table.get(e.key())));
    }

    private static boolean keysAreUnique(List<LogEntry> log) {
        return log.stream().map(LogEntry::key).distinct().count() == log.size();
    }

    private static void print(PrintStream out, String label, List<LogEntry> log, LogInspector.Snapshot snapshot) {
        out.printf("  %s: %d record(s)%s%n", label, log.size(), snapshot == null || snapshot.directory().isEmpty() ? ""
                : ", segment files " + snapshot.liveBaseOffsets());
        for (LogEntry e : log) {
            out.printf("    offset %2d  %s  %s%n", e.offset(), e.key(), e.value() == null ? "(tombstone)"
                    : String.format("%-14s budget %6.2f  %s", e.value().name(), e.value().dailyBudgetMicros() / 1e6,
                            e.value().status()));
        }
    }
}
