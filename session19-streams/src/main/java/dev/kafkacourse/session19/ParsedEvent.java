package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;

/**
 * The outcome of parsing one record of {@code ad-events}: the event, or the original bytes of a refused record
 * (whose reason is already in its {@link DeadLetterHeaders}). Lives only between two processors of one task, so it
 * never needs a serde.
 */
record ParsedEvent(AdEvent event, byte[] raw) {

    static ParsedEvent valid(AdEvent event) {
        return new ParsedEvent(event, null);
    }

    static ParsedEvent refused(byte[] raw) {
        return new ParsedEvent(null, raw);
    }

    boolean isValid() {
        return event != null;
    }
}
