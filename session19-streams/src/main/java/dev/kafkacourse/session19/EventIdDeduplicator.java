package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Drops an event whose eventId was already seen while its window could still count it.
 *
 * <p>The ids a task has seen are kept twice: in a {@code HashSet} per tumbling window (the lookup, in memory) and
 * in a window store backed by a changelog topic (what a restarted task gets back). The store does not hold one
 * entry per id: it holds <em>chunks</em> of {@value #IDS_PER_CHUNK} ids (key = the chunk's number, window start =
 * the ids' window, value = 16 bytes per id). Each new id rewrites its window's current chunk, but the store is
 * cached, so within one commit interval a chunk reaches the store and its changelog once, when Streams flushes the
 * cache at the commit, inside the same transaction as the results. One changelog record per 64 ids instead of one
 * per id: that per-event write was the largest cost this stage had beyond a bare windowed count.
 *
 * <p>When a task starts (on another instance after a crash, or here again after a rebalance), Streams restores
 * the store from its changelog before it calls {@link #init}, which rebuilds the sets from the chunks: a duplicate
 * of an event counted before the restart is still recognised.
 *
 * <p>Ids are forgotten, in memory and in the store, once their window is older than the retention;
 * the retention only has to cover the window and its grace: a duplicate arriving later finds its window closed and
 * is dropped as late. Duplicates share the original's key (campaignId), so its partition and its task: one task
 * sees both.
 */
final class EventIdDeduplicator implements FixedKeyProcessor<String, AdEvent, AdEvent> {

    /** Ids per changelog record: 1 KB values; more saves little and makes each cached rewrite copy more. */
    static final int IDS_PER_CHUNK = 64;
    private static final int ID_BYTES = 16;

    private final String storeName;
    private final long windowMillis;
    private final long retentionMillis;
    private FixedKeyProcessorContext<String, AdEvent> context;
    private WindowStore<Integer, byte[]> chunks;
    private TreeMap<Long, WindowIds> windows;
    private long streamTime;

    /**
     * {@code storeName}: a cached, logged window store of Integer chunk numbers to id chunks; {@code windowSize}:
     * the aggregation's tumbling window, whose start the ids are filed under; {@code retention}: how long (in event
     * time) they are remembered, the store's retention too.
     */
    EventIdDeduplicator(String storeName, Duration windowSize, Duration retention) {
        this.storeName = storeName;
        this.windowMillis = windowSize.toMillis();
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AdEvent> context) {
        // Can run again on this instance (Streams re-initialises a task it revives after an aborted transaction):
        // always start over from the store, which holds exactly what the last committed transaction left.
        this.context = context;
        this.chunks = context.getStateStore(storeName);
        this.windows = new TreeMap<>();
        this.streamTime = Long.MIN_VALUE;
        try (KeyValueIterator<Windowed<Integer>, byte[]> all = chunks.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<Integer>, byte[]> chunk = all.next();
                long windowStart = chunk.key.window().start();
                windows.computeIfAbsent(windowStart, start -> new WindowIds()).restore(chunk.key.key(), chunk.value);
                streamTime = Math.max(streamTime, windowStart);
            }
        }
    }

    @Override
    public void process(FixedKeyRecord<String, AdEvent> record) {
        long time = record.timestamp();
        if (time > streamTime) {
            streamTime = time;
            if (!windows.isEmpty() && windows.firstKey() <= streamTime - retentionMillis) {
                forgetExpiredWindows();
            }
        }
        long windowStart = time - Math.floorMod(time, windowMillis);   // tumbling windows start at epoch multiples
        if (windowStart > streamTime - retentionMillis) {
            // A duplicate is the same event delivered again, with the same event time and so the same window.
            WindowIds ids = windows.computeIfAbsent(windowStart, start -> new WindowIds());
            UUID eventId = record.value().eventId();
            if (!ids.seen.add(eventId)) {
                return;
            }
            ids.append(eventId);
            chunks.put(ids.chunkNumber, ids.currentChunk(), windowStart);
            ids.startNextChunkIfFull();
        }
        // else: older than any window still open; the aggregation drops it as late, nothing to remember.
        context.forward(record);
    }

    /**
     * Drops the windows no event can count in any more, from memory and from the store: the cache would otherwise
     * keep their chunks until it needs the room, and the changelog until its retention deletes them.
     */
    private void forgetExpiredWindows() {
        Iterator<Map.Entry<Long, WindowIds>> oldestFirst = windows.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Long, WindowIds> window = oldestFirst.next();
            if (window.getKey() > streamTime - retentionMillis) {
                return;
            }
            for (int chunk = 0; chunk <= window.getValue().chunkNumber; chunk++) {
                chunks.put(chunk, null, window.getKey());   // a tombstone: one per 64 ids, once per window
            }
            oldestFirst.remove();
        }
    }

    /** One window's ids: the set, and the chunk being filled. */
    private static final class WindowIds {
        final Set<UUID> seen = new HashSet<>();
        final ByteBuffer chunk = ByteBuffer.allocate(IDS_PER_CHUNK * ID_BYTES);
        int chunkNumber;

        void append(UUID id) {
            chunk.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }

        byte[] currentChunk() {
            return Arrays.copyOf(chunk.array(), chunk.position());
        }

        void startNextChunkIfFull() {
            if (!chunk.hasRemaining()) {
                chunkNumber++;
                chunk.clear();
            }
        }

        /** A chunk from the store: its ids are known, and new ids go to a chunk numbered after it. */
        void restore(int number, byte[] ids) {
            ByteBuffer buffer = ByteBuffer.wrap(ids);
            while (buffer.remaining() >= ID_BYTES) {
                seen.add(new UUID(buffer.getLong(), buffer.getLong()));
            }
            chunkNumber = Math.max(chunkNumber, number + 1);
        }
    }
}
