package dev.kafkacourse.session13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaMode;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** The session's labs, on a broker with fast retention and cleaner checks, as {@link TuningLabRunner} runs them. */
@KafkaTest(brokerProperties = {FastBrokerChecks.RETENTION_CHECK_INTERVAL, FastBrokerChecks.INITIAL_TASK_DELAY,
        FastBrokerChecks.CLEANER_BACKOFF, FastBrokerChecks.CLEANER_DEDUPE_BUFFER})
class Session13LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void segmentsRollBySizeAndByRecordTime(KafkaFixture kafka) throws Exception {
        SegmentRollLab.Result result = SegmentRollLab.run(kafka, out, 6_000);

        LogInspector.Snapshot bySize = result.bySize();
        assertThat(bySize.endOffset()).isEqualTo(result.events());
        // Bigger than one segment: describeLogDirs sees the rolled segments wherever the broker runs.
        assertThat(bySize.sizeBytes()).isGreaterThan(SegmentRollLab.SEGMENT_BYTES);

        assumeSegmentFilesVisible(kafka, bySize);
        List<LogInspector.Segment> segments = bySize.liveSegments();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
        // Every rolled segment was filled up to segment.bytes, not beyond.
        assertThat(segments.subList(0, segments.size() - 1)).allSatisfy(s -> assertThat(s.bytes())
                .isLessThanOrEqualTo(SegmentRollLab.SEGMENT_BYTES)
                .isGreaterThan(SegmentRollLab.SEGMENT_BYTES * 9L / 10));
        assertThat(segments.stream().mapToLong(LogInspector.Segment::bytes).sum()).isEqualTo(bySize.sizeBytes());

        // One record per second of event time; a segment rolls once it spans more than 60 s: 61 records each.
        assertThat(result.byTimeOffsets()).containsExactly(0L, 61L, 122L, 183L, 244L);
        for (int i = 0; i < result.byTimeFirstTimestamps().size(); i++) {
            assertThat(result.byTimeFirstTimestamps().get(i) - result.byTimeStart()).isEqualTo(i * 61_000L);
        }
    }

    @Test
    void retentionDeletesWholeSegmentsAndMovesTheEarliestOffset(KafkaFixture kafka) {
        RetentionLab.Result result = RetentionLab.run(kafka, out);

        assertThat(result.sizeBefore().earliestOffset()).isZero();
        assertThat(result.sizeAfter().earliestOffset()).isPositive();
        assertThat(result.sizeAfter().endOffset()).isEqualTo(result.sizeBefore().endOffset());
        // Size-based deletion keeps at least retention.bytes and less than one more segment.
        assertThat(result.sizeAfter().sizeBytes()).isGreaterThanOrEqualTo(RetentionLab.RETENTION_BYTES)
                .isLessThan(RetentionLab.RETENTION_BYTES + RetentionLab.SEGMENT_BYTES);

        // Segments of 61 records (see segment-roll); the three whose newest record is older than 150 s go.
        assertThat(result.timeAfter().earliestOffset()).isGreaterThanOrEqualTo(183);

        assumeSegmentFilesVisible(kafka, result.sizeBefore());
        // The earliest offset jumps to a segment's base offset: whole segments went.
        assertThat(result.sizeBefore().liveBaseOffsets()).contains(result.sizeAfter().earliestOffset());
        assertThat(result.sizeAfter().liveBaseOffsets().get(0)).isEqualTo(result.sizeAfter().earliestOffset());
        assertThat(result.timeBefore().liveBaseOffsets()).contains(result.timeAfter().earliestOffset());
        assertThat(result.timeAfter().hasDeletedFiles()).isFalse();
    }

    @Test
    void compactionKeepsTheLatestValuePerKeyAndDropsTombstonedKeys(KafkaFixture kafka) {
        CompactionLab.Result result = CompactionLab.run(kafka, out);

        assertThat(result.before()).hasSize(9);
        assertThat(result.afterFirstCleaning()).extracting(CompactionLab.LogEntry::key)
                .containsExactly("c-002", "c-003", "c-001", "c-004");
        assertThat(result.afterFirstCleaning().get(1).value()).as("the tombstone survives the first cleaning").isNull();
        assertThat(result.compacted()).extracting(CompactionLab.LogEntry::offset).containsExactly(4L, 7L, 8L, 9L);
        assertThat(CampaignTables.ofLog(result.compacted())).isEqualTo(result.expectedTable());
        assertThat(result.compacted()).hasSameSizeAs(result.expectedTable().keySet());
        assertThat(result.compactDelete()).extracting(CompactionLab.LogEntry::key).containsExactly("c-005");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("exactly the campaign table", ": yes");
    }

    @Test
    void brokerThreadSettingsAndRequestMetrics(KafkaFixture kafka) {
        BrokerThreadsLab.Result result = BrokerThreadsLab.run(kafka, out);

        assertThat(result.settings().get("num.io.threads").value()).isEqualTo("8");
        assertThat(result.settings().get("num.network.threads").value()).isEqualTo("3");
        assertThat(result.settings().get("log.retention.check.interval.ms").source())
                .isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(result.ioThreadsEntryAfterChange().value()).isEqualTo(String.valueOf(BrokerThreadsLab.NEW_IO_THREADS));
        assertThat(result.ioThreadsEntryAfterChange().source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);

        assumeTrue(kafka.cluster().mode() == KafkaMode.EMBEDDED, "Broker JMX metrics and request handler threads "
                + "checked only on the embedded backend: the " + kafka.cluster().mode().label() + " broker runs in "
                + "another process (run with -Dkafka.mode=embedded to check them)");
        assertThat(result.metricsAfter().get("BytesInPerSec (count)")).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(result.metricsAfter().get("RequestQueueSize")).hasValueSatisfying(v -> assertThat(v).isNotNegative());
        assertThat(result.ioThreadsAfter()).isLessThan(result.ioThreadsBefore());
        assertThat(result.ioThreadsRestored()).isEqualTo(result.ioThreadsBefore());
    }

    /**
     * Segment files can be listed only where the partition directory is on this machine's disk (the embedded
     * backend); elsewhere the rest of the check is reported as skipped, with the reason, instead of passing quietly.
     */
    private static void assumeSegmentFilesVisible(KafkaFixture kafka, LogInspector.Snapshot snapshot) {
        assumeTrue(snapshot.directory().isPresent(), "Segment files checked only where the partition directory is "
                + "on this machine's disk: the " + kafka.cluster().mode().label() + " broker keeps it elsewhere (run "
                + "with -Dkafka.mode=embedded to check them); offsets and sizes were checked");
    }
}
