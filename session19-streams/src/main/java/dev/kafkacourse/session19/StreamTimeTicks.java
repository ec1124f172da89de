package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.EventType;
import dev.kafkacourse.support.kafka.Sends;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Stream time only moves when records arrive, separately for each partition's task. When the traffic stops, the
 * last windows stay open and suppression holds their final results back. A lab ends its traffic by sending every
 * partition one event of a campaign of its own, late enough in event time to close every real window.
 */
public final class StreamTimeTicks {

    /** The campaign of the tick events; its own window never closes, so it never shows up in the results. */
    public static final String CAMPAIGN = "stream-time-tick";

    private StreamTimeTicks() {
    }

    /** Sends one tick at {@code eventTime} to each of {@code partitions} partitions of {@code topic}. */
    public static void sendToEveryPartition(Producer<String, byte[]> producer, String topic, int partitions,
            long eventTime) {
        List<ProducerRecord<String, byte[]>> ticks = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            AdEvent tick = new AdEvent(UUID.randomUUID(), EventType.IMPRESSION, null, CAMPAIGN, CAMPAIGN + "-ad",
                    "system", eventTime, "KR", "none", 0);
            ticks.add(new ProducerRecord<>(topic, partition, eventTime, CAMPAIGN, AdEventJson.toBytes(tick)));
        }
        Sends.all(producer, ticks);
    }
}
