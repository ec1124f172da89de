package dev.kafkacourse.session19;

import org.apache.kafka.common.serialization.Serde;

/**
 * One campaign's distinct clicks in one window: the output of the click-windows exercise.
 *
 * @param campaignId  the campaign (also the record key)
 * @param windowStart start of the window, epoch ms
 * @param clicks      clicks whose event time falls in the window, each eventId once
 */
public record ClickCount(String campaignId, long windowStart, long clicks) {

    public static final Serde<ClickCount> SERDE = JsonSerde.of(ClickCount.class);
}
