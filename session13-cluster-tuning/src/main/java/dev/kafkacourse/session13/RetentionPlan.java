package dev.kafkacourse.session13;

import java.util.Map;

/**
 * Topic settings that keep a replay window within a disk budget: the output of exercise 2 ({@link RetentionPlanner}).
 *
 * @param retentionMs    {@code retention.ms}: delete a segment once its newest record is older than this
 * @param retentionBytes {@code retention.bytes}: per partition replica, delete the oldest segments above this size
 * @param segmentBytes   {@code segment.bytes}: roll a new segment at this size (retention deletes whole segments)
 */
public record RetentionPlan(long retentionMs, long retentionBytes, long segmentBytes) {

    /** Kafka's default {@code log.segment.bytes}, used here as the upper bound of a segment. */
    public static final long MAX_SEGMENT_BYTES = 1024L * 1024 * 1024;
    /** The smallest {@code segment.bytes} a Kafka 4 broker accepts. */
    public static final long MIN_SEGMENT_BYTES = 1024L * 1024;
    /** A segment is at most this fraction (1/10) of a partition replica's share of the budget. */
    public static final int SEGMENTS_PER_REPLICA_BUDGET = 10;

    /** The plan as topic configs, for {@code NewTopic.configs} or {@code incrementalAlterConfigs}. */
    public Map<String, String> topicConfigs() {
        return Map.of(
                "retention.ms", String.valueOf(retentionMs),
                "retention.bytes", String.valueOf(retentionBytes),
                "segment.bytes", String.valueOf(segmentBytes));
    }
}
