package dev.kafkacourse.session07;

import java.util.List;

/**
 * What an {@link AdEventProducer} has done so far: every event handed to it is acknowledged, failed, or still on
 * its way. The producer keeps the most recent failures (at most {@link AdEventProducer#MAX_KEPT_FAILURES}); the
 * count is always exact.
 *
 * @param attempted      events handed to the producer
 * @param acknowledged   events the broker acknowledged
 * @param failed         events that were not and will not be written
 * @param recentFailures the latest failures, oldest first, with the event and the reason
 */
public record SendReport(long attempted, long acknowledged, long failed, List<SendFailure> recentFailures) {

    public SendReport {
        recentFailures = List.copyOf(recentFailures);
    }

    /** Handed over but not answered yet (buffered or in flight). After {@code flush()} this is 0. */
    public long pending() {
        return attempted - acknowledged - failed;
    }

    public List<SendFailure> retriableFailures() {
        return recentFailures.stream().filter(SendFailure::retriable).toList();
    }

    public List<SendFailure> nonRetriableFailures() {
        return recentFailures.stream().filter(f -> !f.retriable()).toList();
    }

    @Override
    public String toString() {
        return "attempted " + attempted + ", acknowledged " + acknowledged + ", failed " + failed + " ("
                + retriableFailures().size() + " retriable, " + nonRetriableFailures().size()
                + " non-retriable), pending " + pending();
    }
}
