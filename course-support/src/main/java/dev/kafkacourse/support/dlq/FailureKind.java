package dev.kafkacourse.support.dlq;

import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.exc.StreamReadException;

/** Why a record ended in the dead-letter topic: the {@value DeadLetters#REASON} header. */
public enum FailureKind {
    /** The value is not JSON at all (truncated, CSV, binary). Never retried: the bytes will not change. */
    MALFORMED_JSON,
    /** JSON, but not a valid ad event (a required field missing, an unknown event type), or no value at all. */
    SCHEMA_VIOLATION,
    /** A well-formed event the business rejects (unknown campaign, negative cost, keyed by another campaign). */
    BUSINESS_RULE,
    /** A transient error (a sink timing out) that kept failing until the retry budget ran out. */
    RETRIES_EXHAUSTED,
    /** Any other error: a bug to look at; retrying would fail the same way. */
    PROCESSING_ERROR;

    /**
     * The kind of a failure of {@code AdEventJson.fromBytes}: not JSON at all, JSON that is no ad event, or an ad
     * event that breaks one of its own rules (the {@code AdEvent} constructor's {@link IllegalArgumentException}).
     */
    public static FailureKind ofParseError(SerializationException error) {
        for (Throwable t = error.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException) {
                return MALFORMED_JSON;
            }
            if (t instanceof IllegalArgumentException) {
                return BUSINESS_RULE;    // negative cost, click without impression
            }
        }
        return SCHEMA_VIOLATION;
    }
}
