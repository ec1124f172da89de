package dev.kafkacourse.session13;

/**
 * Broker settings that make retention and compaction observable in seconds. A broker checks retention every
 * {@code log.retention.check.interval.ms} (default 5 minutes, first check 30 s after start-up) and its cleaner
 * sleeps {@code log.cleaner.backoff.ms} (default 15 s) when nothing is cleanable: fine for production, far too slow
 * for a lab. These are broker-wide settings, so the labs and tests run on a dedicated cluster that has them
 * ({@code @KafkaTest(brokerProperties = {...})} in tests, {@link TuningLabRunner} in labs). Topic-level settings
 * ({@code segment.ms}, {@code retention.ms}, ...) stay in each lab, because choosing them is the lesson.
 */
public final class FastBrokerChecks {

    public static final String RETENTION_CHECK_INTERVAL = "log.retention.check.interval.ms=500";
    /** The first retention check runs this long after start-up (default 30 s). */
    public static final String INITIAL_TASK_DELAY = "log.initial.task.delay.ms=0";
    public static final String CLEANER_BACKOFF = "log.cleaner.backoff.ms=200";
    /** Each cleaner thread allocates this much heap up front (default 128 MiB); lab logs are tiny. */
    public static final String CLEANER_DEDUPE_BUFFER = "log.cleaner.dedupe.buffer.size=16777216";

    /** All of them, as {@code key=value} pairs for {@code ClusterSpec.of}. */
    public static final String[] ALL = {RETENTION_CHECK_INTERVAL, INITIAL_TASK_DELAY, CLEANER_BACKOFF,
            CLEANER_DEDUPE_BUFFER};

    private FastBrokerChecks() {
    }
}
