package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose eventId was already seen within the retention (in event time). The ids live in a window
 * store: it is backed by a changelog topic (so a restarted task remembers them) and drops whole segments once they
 * are older than the retention, so the store stays bounded however long the application runs.
 *
 * <p>Duplicates share the original's key (campaignId) and so its partition: one task sees both.
 */
final class EventIdDeduplicator implements FixedKeyProcessor<String, AdEvent, AdEvent> {

    private final String storeName;
    private final long retentionMs;
    private FixedKeyProcessorContext<String, AdEvent> context;
    private WindowStore<String, Long> seen;

    EventIdDeduplicator(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retentionMs = retention.toMillis();
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
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, time - retentionMs, time + retentionMs)) {
            if (earlier.hasNext()) {
                return;
            }
        }
        seen.put(eventId, time, time);
        context.forward(record);
    }
}
