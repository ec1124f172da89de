package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Exercise 2: the billing service publishes a campaign's budget-exhausted event and must not go on until Kafka has
 * it. It waits for the acknowledgement, but never forever, and when it cannot confirm the write it needs to know
 * whether the event failed or whether nobody knows yet.
 */
public final class SyncSender {

    private SyncSender() {
    }

    /**
     * Sends {@code event} to {@code topic} (key = campaignId, timestamp = the event's timestamp) and waits at most
     * {@code timeout} for the broker's acknowledgement. Do not call {@code producer.flush()}: it waits without a
     * bound, and for every other thread's records too.
     *
     * @return where the event was written
     * @throws EventNotSentException when the write cannot be confirmed. Its message names the eventId and the
     *         topic, and:
     *         <ul>
     *           <li>the send failed (the future failed, or {@code send} itself threw, e.g. the serializer's
     *               {@code SerializationException}): {@code outcomeUnknown = false}, the cause is the original
     *               Kafka exception (not the {@code ExecutionException} around it), {@code retriable} is whether
     *               that cause is a {@link org.apache.kafka.common.errors.RetriableException}, and the message
     *               also names the cause's class (e.g. {@code RecordTooLargeException});</li>
     *           <li>the wait ran out first: {@code outcomeUnknown = true}, {@code retriable = true}, and the message
     *               gives the timeout in milliseconds (e.g. "300 ms") and says the event may still be
     *               written;</li>
     *           <li>the thread was interrupted while waiting: as for a timeout, and the thread's interrupt flag is
     *               set again.</li>
     *         </ul>
     */
    public static RecordMetadata send(Producer<String, AdEvent> producer, String topic, AdEvent event,
            Duration timeout) {
        // TODO: send the ProducerRecord (catch what send() throws), then future.get(timeout); unwrap
        //  ExecutionException.getCause(); turn every way of not knowing the write into an EventNotSentException.
        throw new UnsupportedOperationException("TODO session07 exercise 2: implement SyncSender.send");
    }
}
