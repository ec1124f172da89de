package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What happened to one send of {@link AdEventProducer}.
 *
 * @param event    the event sent
 * @param status   {@link Status#SENT}, {@link Status#FAILED} or {@link Status#UNCONFIRMED}
 * @param metadata where the broker wrote it (only when SENT)
 * @param failure  why it was not written (only when FAILED)
 * @param latency  from the call to send until the outcome was known (until the wait ended, when UNCONFIRMED)
 */
public record SendOutcome(AdEvent event, Status status, RecordMetadata metadata, SendFailure failure,
        Duration latency) {

    public enum Status {
        /** The broker acknowledged the record (as {@code acks} asks). */
        SENT,
        /** The record was not written and will not be: see {@link SendOutcome#failure()}. */
        FAILED,
        /**
         * The caller stopped waiting before an answer came. The record may still be written; the producer's report
         * counts it once the answer arrives. Not the same as FAILED: resending it may duplicate it.
         */
        UNCONFIRMED
    }

    public SendOutcome {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        if ((status == Status.SENT) != (metadata != null) || (status == Status.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("A " + status + " outcome has metadata only when SENT and a failure"
                    + " only when FAILED");
        }
    }

    public static SendOutcome sent(AdEvent event, RecordMetadata metadata, Duration latency) {
        return new SendOutcome(event, Status.SENT, metadata, null, latency);
    }

    public static SendOutcome failed(SendFailure failure, Duration latency) {
        return new SendOutcome(failure.event(), Status.FAILED, null, failure, latency);
    }

    public static SendOutcome unconfirmed(AdEvent event, Duration waited) {
        return new SendOutcome(event, Status.UNCONFIRMED, null, null, waited);
    }

    public boolean isSent() {
        return status == Status.SENT;
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }

    @Override
    public String toString() {
        return switch (status) {
            case SENT -> "SENT " + event.eventId() + " to " + metadata.topic() + "-" + metadata.partition() + "@"
                    + metadata.offset() + " in " + latency.toMillis() + " ms";
            case FAILED -> "FAILED after " + latency.toMillis() + " ms: " + failure;
            case UNCONFIRMED -> "UNCONFIRMED " + event.eventId() + ": no answer within " + latency.toMillis() + " ms";
        };
    }
}
