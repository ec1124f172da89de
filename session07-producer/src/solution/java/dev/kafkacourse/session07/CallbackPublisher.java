package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Reference solution of exercise 1. */
public final class CallbackPublisher {

    private CallbackPublisher() {
    }

    public static void send(Producer<String, AdEvent> producer, String topic, AdEvent event, SendListener listener) {
        try {
            producer.send(new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), event),
                    (metadata, exception) -> {
                        if (exception == null) {
                            listener.acknowledged(event, metadata);
                        } else {
                            listener.failed(SendFailure.of(event, topic, exception));
                        }
                    });
        } catch (RuntimeException e) {
            // Refused before it was buffered; the callback will never run for it.
            listener.failed(SendFailure.of(event, topic, e));
        }
    }

    public static PublishReport publishAll(Producer<String, AdEvent> producer, String topic, List<AdEvent> events) {
        // Written by the producer's I/O thread (and this one, for refusals), read by this one after flush().
        Map<UUID, RecordMetadata> acknowledged = new ConcurrentHashMap<>();
        Queue<SendFailure> failures = new ConcurrentLinkedQueue<>();
        SendListener listener = new SendListener() {
            @Override
            public void acknowledged(AdEvent event, RecordMetadata metadata) {
                acknowledged.put(event.eventId(), metadata);
            }

            @Override
            public void failed(SendFailure failure) {
                failures.add(failure);
            }
        };
        for (AdEvent event : events) {
            send(producer, topic, event, listener);
        }
        producer.flush();
        return new PublishReport(events.size(), acknowledged, List.copyOf(failures));
    }
}
