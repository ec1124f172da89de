package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One stream of ad events counted per campaign five ways at once, each into a queryable store: tumbling windows
 * with and without grace, hopping, sliding and session windows. Event time is the AdEvent's timestamp.
 */
public final class WindowKinds {

    public static final Duration SIZE = Duration.ofMinutes(1);
    public static final Duration ADVANCE = Duration.ofSeconds(30);
    public static final Duration SLIDING_DIFFERENCE = Duration.ofSeconds(30);
    public static final Duration SESSION_GAP = Duration.ofSeconds(10);
    public static final Duration GRACE = Duration.ofMinutes(2);
    private static final Duration RETENTION = Duration.ofHours(1);

    public static final String TUMBLING = "tumbling";
    public static final String TUMBLING_NO_GRACE = "tumbling-no-grace";
    public static final String HOPPING = "hopping";
    public static final String SLIDING = "sliding";
    public static final String SESSION = "session";

    private WindowKinds() {
    }

    /** The topology; {@code processed} counts records once all five counts have taken them. */
    public static Topology build(String inputTopic, AtomicLong processed) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AdEvent> events = builder.stream(inputTopic, Consumed.with(Serdes.String(), AdEventJson.serde())
                .withTimestampExtractor((record, partitionTime) -> ((AdEvent) record.value()).timestamp()));
        KGroupedStream<String, AdEvent> byCampaign = events.groupByKey(Grouped.with(Serdes.String(), AdEventJson.serde()));

        byCampaign.windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE)).count(Named.as("count-" + TUMBLING), windowed(TUMBLING));
        byCampaign.windowedBy(TimeWindows.ofSizeWithNoGrace(SIZE))
                .count(Named.as("count-" + TUMBLING_NO_GRACE), windowed(TUMBLING_NO_GRACE));
        byCampaign.windowedBy(TimeWindows.ofSizeAndGrace(SIZE, GRACE).advanceBy(ADVANCE))
                .count(Named.as("count-" + HOPPING), windowed(HOPPING));
        byCampaign.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(SLIDING_DIFFERENCE, GRACE))
                .count(Named.as("count-" + SLIDING), windowed(SLIDING));
        byCampaign.windowedBy(SessionWindows.ofInactivityGapAndGrace(SESSION_GAP, GRACE))
                .count(Named.as("count-" + SESSION), Materialized.<String, Long, SessionStore<Bytes, byte[]>>as(SESSION)
                        .withKeySerde(Serdes.String()).withRetention(RETENTION));
        // Added last, so for each record it runs after the five counts (a node's children run in the order added).
        events.peek((campaign, event) -> processed.incrementAndGet(), Named.as("processed-counter"));
        return builder.build();
    }

    private static Materialized<String, Long, WindowStore<Bytes, byte[]>> windowed(String name) {
        return Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(name).withKeySerde(Serdes.String())
                .withRetention(RETENTION);
    }
}
