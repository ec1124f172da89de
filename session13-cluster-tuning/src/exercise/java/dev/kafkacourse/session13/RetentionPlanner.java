package dev.kafkacourse.session13;

/**
 * Exercise 2: retention settings for a disk budget and a replay window. Kafka deletes by time ({@code retention.ms})
 * and by size ({@code retention.bytes}, per partition replica), always whole segments ({@code segment.bytes}). The
 * capacity plan for {@code ad-events} has to answer: with this much disk, can consumers always replay the last N
 * days, and what do we set? If the answer is no, say so before the disk fills up in production.
 */
public final class RetentionPlanner {

    private RetentionPlanner() {
    }

    /**
     * Plans the topic's retention, step by step (all integer arithmetic on {@code long}, rounding as stated):
     * <ol>
     *   <li>Check the input. Each of {@code diskBudgetBytes}, {@code ingestBytesPerSecond}, {@code replicationFactor},
     *       {@code partitions} must be positive and {@code replayWindow} non-null and positive; otherwise throw
     *       {@link IllegalArgumentException} whose message names the field (e.g. {@code "partitions must be positive,
     *       was 0"}).</li>
     *   <li>replica budget = {@code diskBudgetBytes / (partitions × replicationFactor)} (rounded down): the disk one
     *       partition replica may use.</li>
     *   <li>{@code segmentBytes} = min({@link RetentionPlan#MAX_SEGMENT_BYTES}, replica budget / 10 (rounded down)). If
     *       that is below {@link RetentionPlan#MIN_SEGMENT_BYTES}, throw {@link IllegalArgumentException} whose message
     *       contains {@code segment.bytes} and says how much budget is needed.</li>
     *   <li>{@code retentionBytes} = replica budget − 2 × {@code segmentBytes}: the active segment and one full segment
     *       waiting for the next retention check can be on disk on top of {@code retention.bytes}.</li>
     *   <li>window bytes = bytes one partition receives during the replay window =
     *       {@code ingestBytesPerSecond × replayWindow in ms / (1000 × partitions)}, rounded <b>up</b>. Beware of
     *       {@code long} overflow for large inputs.</li>
     *   <li>If window bytes > {@code retentionBytes}, the requirement is impossible: throw
     *       {@link IllegalArgumentException} whose message contains {@code "replay window"} and the smallest disk
     *       budget (in bytes, plain digits without separators) for which this method would succeed, and preferably
     *       the longest replay window the given budget allows.</li>
     *   <li>{@code retentionMs} = the replay window in milliseconds.</li>
     * </ol>
     */
    public static RetentionPlan plan(RetentionRequirement requirement) {
        // TODO: follow the steps above; the guide (연습 2) works through two examples with the exact numbers.
        throw new UnsupportedOperationException("TODO session13 exercise 2: implement RetentionPlanner.plan");
    }
}
