package dev.kafkacourse.session19;

import java.time.Duration;
import org.apache.kafka.streams.Topology;

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
        throw new UnsupportedOperationException("TODO: build the topology: event time from the AdEvent, clicks only,"
                + " group by the existing key, 1-minute tumbling windows with grace, distinct eventIds per window,"
                + " final results only, ClickCount records to the output topic");
    }
}
