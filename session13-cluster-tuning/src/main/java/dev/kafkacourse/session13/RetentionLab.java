package dev.kafkacourse.session13;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Lab 2: retention deletes whole segments, oldest first, and moves the partition's earliest offset. By size
 * ({@code retention.bytes}, per partition) and by time ({@code retention.ms}, judged by the newest record timestamp
 * in a segment). Both are lowered on a topic in use, the way an operator reacts to a filling disk, and the broker's
 * next retention check acts on them.
 */
public final class RetentionLab {

    static final int SEGMENT_BYTES = 1024 * 1024;
    static final long RETENTION_BYTES = 2L * 1024 * 1024;
    static final long SEGMENT_MS = Duration.ofMinutes(1).toMillis();
    static final long RETENTION_MS = Duration.ofSeconds(150).toMillis();
    /** Deleted segments are renamed *.deleted and removed this much later (default 60 s). */
    static final String FILE_DELETE_DELAY_MS = "2000";
    private static final Duration RETENTION_WAIT = Duration.ofSeconds(60);

    private RetentionLab() {
    }

    record Result(LogInspector.Snapshot sizeBefore, LogInspector.Snapshot sizeAfter, LogInspector.Snapshot timeBefore,
            LogInspector.Snapshot timeAfter, long timeStart, long retentionCutoff) {
    }

    public static void main(String[] args) {
        TuningLabRunner.run("session13 retention", true, RetentionLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        KafkaProducer<String, String> producer = kafka.stringProducer();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        out.printf("1) retention.bytes: keep at most %,d bytes per partition%n", RETENTION_BYTES);
        String bySize = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(), Map.of(
                "segment.bytes", String.valueOf(SEGMENT_BYTES), "file.delete.delay.ms", FILE_DELETE_DELAY_MS));
        List<AdEvent> events = AdEventGenerator.builder().seed(21).impressions(18_000).eventsPerSecond(200)
                .startingAt(now.minus(Duration.ofMinutes(10))).build().generate().distinctEvents();
        events.forEach(e -> producer.send(record(bySize, e)));
        producer.flush();
        TopicPartition sizePartition = new TopicPartition(bySize, 0);
        LogInspector.Snapshot sizeBefore = LogInspector.snapshot(admin, sizePartition);
        out.printf("Produced %,d events to %s (segment.bytes=%,d, no size limit yet)%n", events.size(), bySize,
                SEGMENT_BYTES);
        LogInspector.print(out, "before", sizeBefore);
        long sizeStart = System.nanoTime();
        TopicConfigs.alterTopic(admin, bySize, Map.of("retention.bytes", String.valueOf(RETENTION_BYTES)));
        out.printf("Set retention.bytes=%,d%n", RETENTION_BYTES);
        LogInspector.Snapshot sizeAfter = awaitDeletion(admin, sizePartition, sizeBefore, out, sizeStart);

        out.println();
        out.printf("2) retention.ms: delete segments whose newest record is older than %,d ms%n", RETENTION_MS);
        String byTime = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(), Map.of(
                "segment.ms", String.valueOf(SEGMENT_MS), "file.delete.delay.ms", FILE_DELETE_DELAY_MS));
        Instant start = now.minus(Duration.ofMinutes(6));
        List<AdEvent> perSecond = AdEventGenerator.builder().seed(22).impressions(300).eventsPerSecond(1)
                .clickThroughRate(0).startingAt(start).build().generate().distinctEvents();
        perSecond.forEach(e -> SegmentRollLab.sendAndWait(producer, record(byTime, e)));
        TopicPartition timePartition = new TopicPartition(byTime, 0);
        LogInspector.Snapshot timeBefore = LogInspector.snapshot(admin, timePartition);
        out.printf("Produced %d events, one per second of event time %s..%s, to %s (segment.ms=%,d)%n",
                perSecond.size(), SegmentRollLab.time(start.toEpochMilli()),
                SegmentRollLab.time(perSecond.get(perSecond.size() - 1).timestamp()), byTime, SEGMENT_MS);
        LogInspector.print(out, "before", timeBefore);
        long cutoff = System.currentTimeMillis() - RETENTION_MS;
        long timeStart = System.nanoTime();
        TopicConfigs.alterTopic(admin, byTime, Map.of("retention.ms", String.valueOf(RETENTION_MS)));
        out.printf("Set retention.ms=%,d at %s: segments whose newest record is before about %s go%n", RETENTION_MS,
                SegmentRollLab.time(System.currentTimeMillis()), SegmentRollLab.time(cutoff));
        LogInspector.Snapshot timeAfter = awaitDeletion(admin, timePartition, timeBefore, out, timeStart);
        out.printf("  first record kept: offset %d%n", timeAfter.earliestOffset());
        return new Result(sizeBefore, sizeAfter, timeBefore, timeAfter, start.toEpochMilli(), cutoff);
    }

    /** Waits for the retention check to move the earliest offset, then for the renamed files to go. */
    private static LogInspector.Snapshot awaitDeletion(Admin admin, TopicPartition partition,
            LogInspector.Snapshot before, PrintStream out, long startNanos) {
        LogInspector.Snapshot moved = Awaitility.await("retention on " + partition).atMost(RETENTION_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> LogInspector.snapshot(admin, partition), s -> s.earliestOffset() > before.earliestOffset());
        out.printf("  after %d ms the earliest offset moved %,d -> %,d%n", (System.nanoTime() - startNanos) / 1_000_000,
                before.earliestOffset(), moved.earliestOffset());
        LogInspector.print(out, "just after", moved);
        if (moved.directory().isEmpty()) {
            return moved;
        }
        LogInspector.Snapshot settled = Awaitility.await("deleted files of " + partition).atMost(RETENTION_WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> LogInspector.snapshot(admin, partition), s -> !s.hasDeletedFiles());
        LogInspector.print(out, "file.delete.delay.ms later", settled);
        return settled;
    }

    private static ProducerRecord<String, String> record(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toJson(event));
    }
}
