package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The "database" the labs' consumers write to: every application of an event, in the order it happened, kept
 * outside the consumers so it survives their crashes. Compared with the generator it says exactly which events
 * were lost (never applied), which were applied more than once, and whether one key's events were applied in the
 * order they were produced. Thread-safe.
 */
public final class ProcessedLog {

    /** One application of an event. */
    public record Entry(int partition, long offset, String key, UUID eventId) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long firstNanos;
    private long lastNanos;

    /** Applies {@code record} (an ad event) to the log. */
    public void apply(ConsumerRecord<String, byte[]> record) {
        AdEvent event = AdEventJson.fromBytes(record.value());
        synchronized (this) {
            entries.add(new Entry(record.partition(), record.offset(), record.key(), event.eventId()));
            lastNanos = System.nanoTime();
            if (entries.size() == 1) {
                firstNanos = lastNanos;
            }
        }
    }

    /** Milliseconds from the first application to the last: the processing time, without group joins. */
    public synchronized long activeMillis() {
        return (lastNanos - firstNanos) / 1_000_000;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Loss and duplicates against what the generator made, counted event by event. */
    public synchronized Accounting accountFor(GeneratedEvents generated) {
        Map<UUID, Integer> times = new HashMap<>();
        entries.forEach(entry -> times.merge(entry.eventId(), 1, Integer::sum));
        int lost = 0;
        int duplicates = 0;
        for (AdEvent event : generated.allEvents()) {
            int applied = times.getOrDefault(event.eventId(), 0);
            if (applied == 0) {
                lost++;
            } else {
                duplicates += applied - 1;
            }
        }
        return new Accounting(generated.allEvents().size(), entries.size(), lost, duplicates, keyOrderBreaks());
    }

    /**
     * How many times a key's event was applied after an event of the same key from a later offset of the same
     * partition: 0 when every key's events were applied in produce order.
     */
    private int keyOrderBreaks() {
        Map<String, Long> lastOffsetOfKey = new HashMap<>();
        int breaks = 0;
        for (Entry entry : entries) {
            String key = entry.partition() + "/" + entry.key();
            Long last = lastOffsetOfKey.put(key, entry.offset());
            if (last != null && last > entry.offset()) {
                breaks++;
            }
        }
        return breaks;
    }

    /**
     * @param generated      events the generator made (each sent once)
     * @param applied        applications in the log
     * @param lost           generated events never applied
     * @param duplicates     applications beyond the first of an event
     * @param keyOrderBreaks applications of a key's event after a later event of that key
     */
    public record Accounting(int generated, int applied, int lost, int duplicates, int keyOrderBreaks) {
    }
}
