package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Drops an event whose eventId was already seen within the retention (in event time). The ids live in a window
 * store: it is backed by a changelog topic (so a restarted task remembers them) and drops whole segments once they
 * are older than the retention, so the store stays bounded however long the application runs.
 *
 * <p>Duplicates share the original's key (campaignId) and so its partition: one task sees both.
 */
final class EventIdDeduplicator implements FixedKeyProcessor<String, AdEvent, AdEvent> {

    private final String storeName;
    private FixedKeyProcessorContext<String, AdEvent> context;
    private WindowStore<String, Long> seen;

    /** {@code storeName}: a window store whose retention is how long an eventId is remembered. */
    EventIdDeduplicator(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AdEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, AdEvent> record) {
        String eventId = record.value().eventId().toString();
        long time = record.timestamp();
        // A duplicate is the same event delivered again, with the same event time: one point lookup at
        // (eventId, time) finds it. A range fetch over +/- the retention opened a RocksDB iterator per event,
        // some 15% of the stage's CPU per record. Entries older than the retention drop with their segment.
        if (seen.fetch(eventId, time) != null) {
            return;
        }
        seen.put(eventId, time, time);
        context.forward(record);
    }
}
