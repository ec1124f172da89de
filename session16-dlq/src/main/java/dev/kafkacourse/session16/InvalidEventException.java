package dev.kafkacourse.session16;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that can never be processed, however often it is tried: a poison pill. It extends Kafka's
 * {@link SerializationException} so code that already treats deserialization errors as fatal treats it the same.
 */
public final class InvalidEventException extends SerializationException {

    private final FailureKind kind;

    public InvalidEventException(FailureKind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public InvalidEventException(FailureKind kind, String message) {
        this(kind, message, null);
    }

    public FailureKind kind() {
        return kind;
    }
}
