package dev.kafkacourse.session19;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the ad-stats topology and its application need: topic names, window size, grace, dedupe retention
 * and how often Streams commits. {@link AdStatsTopology#build(AdStatsConfig)} builds the topology from it and
 * {@link #streamsProperties} gives the matching Streams settings, for the application and for every test alike.
 *
 * @param inputTopic       raw ad events, JSON, key = campaignId
 * @param statsTopic       final per-campaign 1-minute stats
 * @param deadLetterTopic  records that could not be processed, reason in the {@code dlq.*} headers
 * @param windowSize       length of a tumbling window
 * @param grace            how long after a window's end (in event time) a late event is still counted
 * @param dedupeRetention  how long (in event time) an eventId is remembered to drop its duplicates; at least
 *                         windowSize + grace, and more buys nothing: a duplicate arriving later than that finds
 *                         its window closed and is dropped as late anyway
 * @param storeRetention   how long windows stay in the queryable store (interactive queries look back this far)
 * @param commitInterval   Streams' commit.interval.ms: with exactly_once_v2 results become visible on commit
 */
public record AdStatsConfig(String inputTopic, String statsTopic, String deadLetterTopic, Duration windowSize,
        Duration grace, Duration dedupeRetention, Duration storeRetention, Duration commitInterval) {

    /** The name of the windowed store of per-campaign stats (interactive queries read it). */
    public static final String STATS_STORE = "ad-stats-1m-store";
    /** The name of the window store that remembers recent eventIds. */
    public static final String DEDUPE_STORE = "seen-event-ids";

    public AdStatsConfig {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(statsTopic, "statsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        requirePositive(windowSize, "windowSize");
        requireNotNegative(grace, "grace");
        requirePositive(dedupeRetention, "dedupeRetention");
        requirePositive(commitInterval, "commitInterval");
        if (dedupeRetention.compareTo(windowSize.plus(grace)) < 0) {
            throw new IllegalArgumentException("dedupeRetention (" + dedupeRetention + ") must be at least windowSize"
                    + " + grace (" + windowSize.plus(grace) + "): a duplicate arriving while its window is still open"
                    + " would find its eventId forgotten and be counted twice. Raise dedupeRetention.");
        }
        if (storeRetention.compareTo(windowSize.plus(grace)) < 0) {
            throw new IllegalArgumentException("storeRetention (" + storeRetention + ") must be at least windowSize + grace ("
                    + windowSize.plus(grace) + "): Streams refuses a window store that forgets windows still open."
                    + " Raise storeRetention.");
        }
    }

    /**
     * The pipeline's topics, 1-minute windows, 2 minutes of grace, eventIds remembered for those 3 minutes (as long
     * as a window can still count an event), windows kept an hour for queries, a commit every 100 ms.
     */
    public static AdStatsConfig defaults() {
        return new AdStatsConfig("ad-events", "ad-stats-1m", "ad-events-dlq", Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofHours(1), Duration.ofMillis(100));
    }

    public AdStatsConfig withTopics(String input, String stats, String deadLetters) {
        return new AdStatsConfig(input, stats, deadLetters, windowSize, grace, dedupeRetention, storeRetention,
                commitInterval);
    }

    /** This configuration with {@code newGrace}; eventIds are remembered at least as long as the new grace needs. */
    public AdStatsConfig withGrace(Duration newGrace) {
        Duration needed = windowSize.plus(newGrace);
        return new AdStatsConfig(inputTopic, statsTopic, deadLetterTopic, windowSize, newGrace,
                dedupeRetention.compareTo(needed) < 0 ? needed : dedupeRetention, storeRetention, commitInterval);
    }

    /**
     * The Streams settings of the application: {@code clientConfig} (bootstrap servers and security, e.g. from the
     * course's fixture or an MSK client file) plus application.id, exactly_once_v2, the commit interval and the
     * state directory.
     */
    public Properties streamsProperties(Map<String, Object> clientConfig, String applicationId, Path stateDir) {
        Properties props = new Properties();
        clientConfig.forEach((key, value) -> {
            if (!key.equals("client.id")) {   // Streams names its own clients after the application id
                props.put(key, value);
            }
        });
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        return props;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
