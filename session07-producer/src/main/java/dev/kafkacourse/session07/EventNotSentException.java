package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.Objects;
import java.util.UUID;

/**
 * A synchronous send could not confirm that {@link #event()} was written to {@link #topic()}. Either the send
 * failed ({@link #outcomeUnknown()} is false; {@link #retriable()} says whether trying again later may help), or the
 * wait ran out first ({@link #outcomeUnknown()} is true: the record may still be written, so a blind resend can
 * duplicate it).
 */
public class EventNotSentException extends RuntimeException {

    private final transient AdEvent event;
    private final String topic;
    private final boolean retriable;
    private final boolean outcomeUnknown;

    public EventNotSentException(AdEvent event, String topic, boolean retriable, boolean outcomeUnknown,
            String message, Throwable cause) {
        super(message, cause);
        this.event = Objects.requireNonNull(event, "event");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.retriable = retriable;
        this.outcomeUnknown = outcomeUnknown;
    }

    public AdEvent event() {
        return event;
    }

    public UUID eventId() {
        return event.eventId();
    }

    public String topic() {
        return topic;
    }

    /** Whether the error is transient (a {@code RetriableException}); true when the wait timed out. */
    public boolean retriable() {
        return retriable;
    }

    /** True when the caller stopped waiting before the broker answered: the record may still be written. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
