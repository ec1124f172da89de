// Known-wrong answer: Passes the ExecutionException itself as the cause: the real Kafka error is hidden and never classified retriable
package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/** A wrong answer to exercise 2: see the first line. */
public final class SyncSender {

    private SyncSender() {
    }

    public static RecordMetadata send(Producer<String, AdEvent> producer, String topic, AdEvent event,
            Duration timeout) {
        Future<RecordMetadata> future;
        try {
            future = producer.send(new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), event));
        } catch (RuntimeException e) {
            throw failed(topic, event, e);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(topic, event, e);
        } catch (TimeoutException e) {
            throw unknown(topic, event, "no acknowledgement within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknown(topic, event, "interrupted while waiting for the acknowledgement", e);
        }
    }

    private static EventNotSentException failed(String topic, AdEvent event, Throwable cause) {
        boolean retriable = cause instanceof RetriableException;
        return new EventNotSentException(event, topic, retriable, false, "Event " + event.eventId()
                + " (campaign '" + event.campaignId() + "') was not sent to " + topic + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + (retriable ? " (retriable: it may succeed later)" : " (not retriable: fix the event or the config)"),
                cause);
    }

    private static EventNotSentException unknown(String topic, AdEvent event, String what, Exception cause) {
        return new EventNotSentException(event, topic, true, true, "Event " + event.eventId() + " (campaign '"
                + event.campaignId() + "') to " + topic + ": " + what + "; it may still be written, so check the"
                + " topic before sending it again", cause);
    }
}
