package dev.kafkacourse.session03;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends ad events the way the pipeline does: key = campaignId, record timestamp = event time. */
final class AdEventRecords {

    private AdEventRecords() {
    }

    static ProducerRecord<String, String> toRecord(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toJson(event));
    }

    /** Sends every event and returns how many the broker acknowledged; the first failure is thrown. */
    static int sendAll(Producer<String, String> producer, String topic, List<AdEvent> events) {
        List<Future<RecordMetadata>> acks = events.stream().map(event -> producer.send(toRecord(topic, event))).toList();
        producer.flush();
        int acknowledged = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
                acknowledged++;
            } catch (ExecutionException e) {
                throw new IllegalStateException("A send failed after " + acknowledged + " acknowledged: "
                        + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            }
        }
        return acknowledged;
    }
}
