package dev.kafkacourse.support.domain;

/**
 * One record as the generator would send it to {@code ad-events}.
 *
 * @param key   the campaignId (may be null on a malformed record)
 * @param value the JSON payload, or garbage for {@link Kind#MALFORMED}
 * @param kind  what kind of record this is, so a test knows what a correct consumer must do with it
 * @param event the event, or null for {@link Kind#MALFORMED}
 */
public record GeneratedRecord(String key, byte[] value, Kind kind, AdEvent event) {

    public enum Kind {
        /** A new event, in event-time order. */
        VALID,
        /** A valid event sent again with the same eventId (a producer retry, a replay). */
        DUPLICATE,
        /** A valid new event that arrives after later events (out of order by its lateness). */
        LATE,
        /** Bytes that are not a valid AdEvent; a correct consumer sends them to the dead-letter topic. */
        MALFORMED
    }

    public boolean isMalformed() {
        return kind == Kind.MALFORMED;
    }

    /** The payload as text (what a log line or the console consumer would show). */
    public String valueAsString() {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
