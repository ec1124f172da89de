package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/**
 * The collector's way into Kafka: sends a request's events keyed by campaign and answers only once the producer
 * has acknowledged every one of them; refuses at once (BUSY) when they do not fit into a bounded number of events
 * in flight, instead of queueing without limit.
 */
public final class IntakeGate {

    public IntakeGate(Producer<String, byte[]> producer, String topic, int maxInFlight) {
        // TODO: keep what submit needs
    }

    /**
     * Sends {@code events} to the topic, key = campaignId. The future completes with ACCEPTED(n) once the producer
     * acknowledged all n events, with FAILED (and the first error) if any send failed, and with BUSY right away,
     * sending nothing, when the events do not fit into the in-flight budget now.
     */
    public CompletableFuture<IntakeResult> submit(List<AdEvent> events) {
        throw new UnsupportedOperationException("TODO: send each event keyed by its campaignId; complete ACCEPTED only "
                + "after the producer acknowledged all of them, FAILED if one failed, BUSY at once when over budget");
    }

    /** Events sent but not yet acknowledged or failed. */
    public int inFlight() {
        throw new UnsupportedOperationException("TODO: events sent but not yet acknowledged or failed");
    }
}
