package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/** Exercise 1 (core): distinct clicks per campaign and 1-minute event-time window, final results only. */
public final class ClickWindows {

    private ClickWindows() {
    }

    /**
     * Input: AdEvent JSON on {@code inputTopic}, key = campaignId; the record timestamp is when the collector got
     * the event, not when it happened. Output on {@code outputTopic}: key = campaignId, value = {@link ClickCount}
     * (serde {@link ClickCount#SERDE}), one record per campaign and 1-minute tumbling window of event time that has
     * clicks, published once the window is closed (window end + {@code grace} of stream time). A click sent twice
     * (same eventId) counts once. No repartition topic.
     */
    public static Topology build(String inputTopic, String outputTopic, Duration grace) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), AdEventJson.serde())
                        .withTimestampExtractor((record, partitionTime) -> record.value() instanceof AdEvent event
                                ? event.timestamp() : partitionTime))
                // No filter here: impressions must reach the window too, or they would not move its stream time.
                .groupByKey(Grouped.with(Serdes.String(), AdEventJson.serde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), grace))
                .aggregate(() -> EventIds.EMPTY, (campaign, event, ids) -> event.isClick() ? ids.plus(event.eventId().toString()) : ids,
                        Materialized.<String, EventIds, WindowStore<Bytes, byte[]>>with(Serdes.String(), EventIds.SERDE))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .filter((window, ids) -> ids.size() > 0)
                .map((window, ids) -> KeyValue.pair(window.key(),
                        new ClickCount(window.key(), window.window().start(), ids.size())))
                .to(outputTopic, Produced.with(Serdes.String(), ClickCount.SERDE));
        return builder.build();
    }
}
