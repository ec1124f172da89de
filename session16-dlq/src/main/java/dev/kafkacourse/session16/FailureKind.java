package dev.kafkacourse.session16;

import org.apache.kafka.common.errors.SerializationException;

/** Why a record ended in the dead-letter topic: the {@value DeadLetters#REASON} header. */
public enum FailureKind {
    /** The value is not JSON at all (truncated, CSV, binary). Never retried: the bytes will not change. */
    MALFORMED_JSON,
    /** JSON, but not a valid ad event (a required field missing, an unknown event type). Never retried. */
    SCHEMA_VIOLATION,
    /** A well-formed event the business rejects (unknown campaign, negative cost). Never retried. */
    BUSINESS_RULE,
    /** A transient error (a sink timing out) that kept failing until the retry budget ran out. */
    RETRIES_EXHAUSTED,
    /** Any other error: a bug to look at; retrying would fail the same way. */
    PROCESSING_ERROR;

    /** The kind of {@code error}, looking through its causes. */
    public static FailureKind of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.kind();
            }
            if (t instanceof SerializationException) {
                return SCHEMA_VIOLATION;
            }
        }
        return RetryClassifier.isRetryable(error) ? RETRIES_EXHAUSTED : PROCESSING_ERROR;
    }
}
