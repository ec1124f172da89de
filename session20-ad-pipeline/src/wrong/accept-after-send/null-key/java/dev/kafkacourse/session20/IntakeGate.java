// Known-wrong answer: sends without a key, so a campaign's events are spread over partitions (no per-campaign order, and Streams would have to repartition)
package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The collector's way into Kafka: sends a request's events keyed by campaign and answers only once the producer
 * has acknowledged every one of them; refuses at once (BUSY) when they do not fit into a bounded number of events
 * in flight, instead of queueing without limit.
 */
public final class IntakeGate {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final int maxInFlight;
    private final Semaphore budget;

    public IntakeGate(Producer<String, byte[]> producer, String topic, int maxInFlight) {
        this.producer = producer;
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.budget = new Semaphore(maxInFlight);
    }

    /**
     * Sends {@code events} to the topic, key = campaignId. The future completes with ACCEPTED(n) once the producer
     * acknowledged all n events, with FAILED (and the first error) if any send failed, and with BUSY right away,
     * sending nothing, when the events do not fit into the in-flight budget now.
     */
    public CompletableFuture<IntakeResult> submit(List<AdEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(IntakeResult.accepted(0));
        }
        if (!budget.tryAcquire(events.size())) {
            return CompletableFuture.completedFuture(IntakeResult.busy(events.size() + " events do not fit: "
                    + inFlight() + " of " + maxInFlight + " events are in flight"));
        }
        CompletableFuture<IntakeResult> result = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(events.size());
        AtomicReference<Exception> firstError = new AtomicReference<>();
        for (AdEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.timestamp(),
                    null, AdEventJson.toBytes(event));
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                    }
                    budget.release();
                    if (outstanding.decrementAndGet() == 0) {
                        Exception e = firstError.get();
                        result.complete(e == null ? IntakeResult.accepted(events.size())
                                : IntakeResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                    }
                });
            } catch (RuntimeException e) {
                // send() itself refused (buffer full past max.block.ms, closed producer): same as a failed send.
                firstError.compareAndSet(null, e);
                budget.release();
                if (outstanding.decrementAndGet() == 0) {
                    result.complete(IntakeResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
        }
        return result;
    }

    /** Events sent but not yet acknowledged or failed. */
    public int inFlight() {
        return maxInFlight - budget.availablePermits();
    }
}
