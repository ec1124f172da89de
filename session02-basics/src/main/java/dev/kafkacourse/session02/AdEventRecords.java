package dev.kafkacourse.session02;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends ad events the way the pipeline does: key = campaignId, record timestamp = event time. */
public final class AdEventRecords {

    private AdEventRecords() {
    }

    public static ProducerRecord<String, String> toRecord(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toJson(event));
    }

    /** Sends every event and waits until the broker has acknowledged all of them. */
    public static void sendAll(Producer<String, String> producer, String topic, List<AdEvent> events) {
        events.forEach(event -> producer.send(toRecord(topic, event)));
        producer.flush();
    }
}
