package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * One event that did not reach the topic, and why. Nothing the pipeline fails to send is dropped silently: it ends
 * up as one of these, in a report or in a failure listener.
 *
 * @param event     the event that was not written
 * @param topic     where it was going
 * @param cause     the error, unwrapped from {@link ExecutionException} / {@link CompletionException}
 * @param retriable whether Kafka classifies the error as transient ({@link RetriableException}): the same record
 *                  may succeed later (the topic gets created, a leader comes back). Non-retriable errors repeat on
 *                  every attempt: the record or the configuration has to change.
 */
public record SendFailure(AdEvent event, String topic, Throwable cause, boolean retriable) {

    public SendFailure {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(cause, "cause");
    }

    /** Classifies {@code error} (a send's exception, possibly wrapped) for {@code event}. */
    public static SendFailure of(AdEvent event, String topic, Throwable error) {
        Throwable cause = unwrap(error);
        return new SendFailure(event, topic, cause, isRetriable(cause));
    }

    /**
     * Kafka marks transient errors by type: {@code TimeoutException}, {@code NotLeaderOrFollowerException},
     * {@code NotEnoughReplicasException}, {@code UnknownTopicOrPartitionException}... all extend
     * {@link RetriableException}. Everything else (a record too large, a serializer's rejection, an authorization
     * error) fails the same way every time.
     */
    public static boolean isRetriable(Throwable error) {
        return unwrap(error) instanceof RetriableException;
    }

    /** The exception inside the wrappers futures put around it. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = Objects.requireNonNull(error, "error");
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The error's type, e.g. {@code RecordTooLargeException}. */
    public String error() {
        return cause.getClass().getSimpleName();
    }

    /** The error's message plus its own cause, if it has one (a metadata timeout carries the broker's answer). */
    public String reason() {
        String message = String.valueOf(cause.getMessage());
        Throwable inner = cause.getCause();
        if (inner != null && inner != cause) {
            message += " (caused by " + inner.getClass().getSimpleName() + ": " + inner.getMessage() + ")";
        }
        return message;
    }

    @Override
    public String toString() {
        return "event " + event.eventId() + " (campaign '" + event.campaignId() + "') not sent to " + topic + ": "
                + (retriable ? "RETRIABLE " : "NON-RETRIABLE ") + error() + ": " + reason();
    }
}
