package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * Exercise 1: the collector hands over a batch of ad events and must know, per event, whether it reached Kafka. It
 * cannot afford to wait for each one (that is one round trip per event), and it must not lose track of any: every
 * event ends up acknowledged or reported as failed with the reason.
 *
 * <p>{@link #send} is also the heart of the pipeline's {@link AdEventProducer}: the labs run on it.
 */
public final class CallbackPublisher {

    private CallbackPublisher() {
    }

    /**
     * Sends one event to {@code topic} and returns without waiting for the broker's answer.
     *
     * <ul>
     *   <li>The record has key = the event's campaignId and timestamp = the event's timestamp.</li>
     *   <li>{@code listener} hears exactly once what became of the event: {@link SendListener#acknowledged} with
     *       where it was written, or {@link SendListener#failed} with {@link SendFailure#of(AdEvent, String,
     *       Throwable)}, which classifies the error retriable or not. The answer usually comes later, on the
     *       producer's I/O thread.</li>
     *   <li>{@code producer.send} can also throw instead of answering later (the serializer rejected the event, the
     *       producer is closed). That is a failure of this event only: the listener hears it before this method
     *       returns, and nothing is thrown.</li>
     * </ul>
     */
    public static void send(Producer<String, AdEvent> producer, String topic, AdEvent event, SendListener listener) {
        // TODO session07 exercise 1: build the record, hand it to the producer with a callback that tells the
        //  listener, and turn whatever send() throws into the listener's failure.
        throw new UnsupportedOperationException("TODO session07 exercise 1: implement CallbackPublisher.send");
    }

    /**
     * Sends every event to {@code topic} without waiting between sends, and returns once each of them has been
     * answered.
     *
     * <ul>
     *   <li>Each event goes out as {@link #send} sends it.</li>
     *   <li>An acknowledged event goes into {@link PublishReport#acknowledged()} (eventId to its
     *       {@code RecordMetadata}); a failed one into {@link PublishReport#failures()}.</li>
     *   <li>Answers arrive on the producer's I/O thread while this one is still sending: whatever they write to
     *       must be thread-safe.</li>
     *   <li>Return only when every event has its answer.</li>
     * </ul>
     *
     * @return the report; {@code attempted} is {@code events.size()}, and every event is in exactly one of
     *         acknowledged and failures
     */
    public static PublishReport publishAll(Producer<String, AdEvent> producer, String topic, List<AdEvent> events) {
        // TODO session07 exercise 1: send every event, collect the answers, wait until all are in, build the report.
        throw new UnsupportedOperationException("TODO session07 exercise 1: implement CallbackPublisher.publishAll");
    }
}
