package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.AdEventJson;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The crash lab's "database". It outlives the consumers that write to it, as a real database outlives a killed
 * process. The idempotent variant keeps the ids of the events it holds in the same store (one write), so an
 * event delivered again is recognised and skipped.
 */
final class EventSink {

    private final ProcessedLog log = new ProcessedLog();
    private final boolean idempotent;
    private final Set<UUID> held = new HashSet<>();
    private final AtomicInteger skipped = new AtomicInteger();

    EventSink(boolean idempotent) {
        this.idempotent = idempotent;
    }

    synchronized void apply(ConsumerRecord<String, byte[]> record) {
        if (idempotent && !held.add(AdEventJson.fromBytes(record.value()).eventId())) {
            skipped.incrementAndGet();
            return;
        }
        log.apply(record);
    }

    ProcessedLog log() {
        return log;
    }

    /** Deliveries the idempotent sink recognised and skipped. */
    int skipped() {
        return skipped.get();
    }
}
