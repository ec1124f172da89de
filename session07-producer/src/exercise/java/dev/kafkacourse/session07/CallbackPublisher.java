package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * Exercise 1: the collector hands over a batch of ad events and must know, per event, whether it reached Kafka. It
 * cannot afford to wait for each one (that is one round trip per event), and it must not lose track of any: every
 * event ends up acknowledged or reported as failed with the reason.
 */
public final class CallbackPublisher {

    private CallbackPublisher() {
    }

    /**
     * Sends every event to {@code topic} without waiting between sends, and returns once each of them has been
     * answered.
     *
     * <ul>
     *   <li>Each record has key = the event's campaignId and timestamp = the event's timestamp.</li>
     *   <li>Outcomes come from a {@link org.apache.kafka.clients.producer.Callback} per send: an acknowledged
     *       event goes into {@link PublishReport#acknowledged()} (eventId to its {@code RecordMetadata}); a failed
     *       one into {@link PublishReport#failures()} as {@link SendFailure#of(AdEvent, String, Throwable)}, which
     *       classifies it retriable or not.</li>
     *   <li>{@code producer.send} can also throw instead of calling the callback (the serializer rejected the
     *       event, for instance). That is a failure of that event only: report it the same way and go on with the
     *       others.</li>
     *   <li>Callbacks run on the producer's I/O thread, not the caller's: whatever they write to must be
     *       thread-safe. After {@code producer.flush()} returns, every callback of the records sent before has
     *       run.</li>
     * </ul>
     *
     * @return the report; {@code attempted} is {@code events.size()}, and every event is in exactly one of
     *         acknowledged and failures
     */
    public static PublishReport publishAll(Producer<String, AdEvent> producer, String topic, List<AdEvent> events) {
        // TODO: for each event build a ProducerRecord (topic, null, timestamp, campaignId, event) and send it with a
        //  callback that records the metadata or a SendFailure in thread-safe collections; catch what send() throws
        //  as that event's failure; flush(); build the PublishReport.
        throw new UnsupportedOperationException("TODO session07 exercise 1: implement CallbackPublisher.publishAll");
    }
}
