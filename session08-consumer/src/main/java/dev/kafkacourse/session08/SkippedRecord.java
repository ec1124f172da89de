package dev.kafkacourse.session08;

/**
 * A record the aggregator could not count (not a valid {@code AdEvent}), with where it is and why, so it can be
 * found and replayed. Session 16 sends these to a dead-letter topic instead.
 */
public record SkippedRecord(String topic, int partition, long offset, String reason) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + ": " + reason;
    }
}
