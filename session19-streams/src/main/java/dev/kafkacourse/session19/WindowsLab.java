package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Lab 2: the same generated ad events counted per campaign in tumbling (with and without grace), hopping, sliding
 * and session windows. Each store is read back with an interactive query and compared with what the windows must
 * hold, worked out from the generator's events; the tumbling windows without grace lose exactly the late events.
 */
public final class WindowsLab {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private WindowsLab() {
    }

    /** A window of one campaign: [start, end) for time windows, first and last event for sessions. */
    record Span(String campaignId, long start, long end) implements Comparable<Span> {
        @Override
        public int compareTo(Span o) {
            int c = campaignId.compareTo(o.campaignId);
            c = c != 0 ? c : Long.compare(start, o.start);
            return c != 0 ? c : Long.compare(end, o.end);
        }
    }

    /** What the lab observed: per window kind, the store's contents and the expectation. */
    record Result(GeneratedEvents traffic, Map<String, SortedMap<Span, Long>> actual,
            Map<String, SortedMap<Span, Long>> expected, long droppedWithoutGrace) {
    }

    public static void main(String[] args) {
        LabRunner.run("session19 windows", WindowsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        GeneratedEvents traffic = AdEventGenerator.builder().seed(5).impressions(150).campaigns(2)
                .eventsPerSecond(0.5).clickThroughRate(0.1).startingAt(start)
                .lateEvents(0.06, Duration.ofSeconds(90)).build().generate();
        List<AdEvent> events = traffic.distinctEvents();   // send order: late events come after later ones
        // One partition, so one task sees every record in send order and stream time is easy to follow.
        String topic = kafka.createTopic("ad-events", 1);
        out.printf("%d events of 2 campaigns over %s..%s, %d of them 90 s late; one partition%n", events.size(),
                TIME.format(start), TIME.format(Instant.ofEpochMilli(events.stream().mapToLong(AdEvent::timestamp).max()
                        .orElseThrow())), traffic.count(GeneratedRecord.Kind.LATE));
        out.printf("tumbling %s (grace %s and none), hopping %s every %s, sliding %s, session gap %s%n%n",
                WindowKinds.SIZE, WindowKinds.GRACE, WindowKinds.SIZE, WindowKinds.ADVANCE,
                WindowKinds.SLIDING_DIFFERENCE, WindowKinds.SESSION_GAP);

        Map<String, SortedMap<Span, Long>> expected = expected(events);
        Map<String, SortedMap<Span, Long>> actual = new TreeMap<>();
        AtomicLong processed = new AtomicLong();
        Path stateDir = StateDirs.create("windows-lab");
        Properties props = AdStatsConfig.defaults().streamsProperties(kafka.commonConfig(), kafka.groupId("windows"),
                stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);   // nothing is written out
        try (StreamsApp app = StreamsApp.start(WindowKinds.build(topic, processed), props, stateDir,
                Duration.ofSeconds(60))) {
            AdEventRecords.sendAll(kafka.stringProducer(), topic, events);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (processed.get() < events.size()) {
                app.throwIfFailed();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + processed.get() + " of " + events.size() + " processed");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());   // poll, don't spin
            }
            for (String kind : List.of(WindowKinds.TUMBLING, WindowKinds.TUMBLING_NO_GRACE, WindowKinds.HOPPING,
                    WindowKinds.SLIDING)) {
                actual.put(kind, readWindowStore(app, kind, kind.equals(WindowKinds.SLIDING)
                        ? WindowKinds.SLIDING_DIFFERENCE.toMillis() : WindowKinds.SIZE.toMillis()));
            }
            actual.put(WindowKinds.SESSION, readSessionStore(app,
                    events.stream().mapToLong(AdEvent::timestamp).min().orElseThrow(),
                    events.stream().mapToLong(AdEvent::timestamp).max().orElseThrow()));
        }

        long dropped = total(expected.get(WindowKinds.TUMBLING)) - total(actual.get(WindowKinds.TUMBLING_NO_GRACE));
        print(out, actual, expected, dropped);
        return new Result(traffic, actual, expected, dropped);
    }

    private static SortedMap<Span, Long> readWindowStore(StreamsApp app, String name, long sizeMs) {
        SortedMap<Span, Long> result = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Long> all = app.store(name,
                QueryableStoreTypes.<String, Long>windowStore()).all()) {
            all.forEachRemaining((KeyValue<Windowed<String>, Long> kv) -> result.put(
                    new Span(kv.key.key(), kv.key.window().start(), kv.key.window().start() + sizeMs), kv.value));
        }
        return result;
    }

    /** Sessions ending at or after {@code from} and starting at or before {@code to}. */
    private static SortedMap<Span, Long> readSessionStore(StreamsApp app, long from, long to) {
        SortedMap<Span, Long> result = new TreeMap<>();
        var store = app.store(WindowKinds.SESSION, QueryableStoreTypes.<String, Long>sessionStore());
        for (String campaign : List.of(AdEventGenerator.campaignId(1), AdEventGenerator.campaignId(2))) {
            // A bounded range: fetch(key) would walk the cache segment by segment from time 0 (seconds, here).
            try (KeyValueIterator<Windowed<String>, Long> sessions = store.findSessions(campaign, from, to)) {
                sessions.forEachRemaining((KeyValue<Windowed<String>, Long> kv) -> result.put(
                        new Span(campaign, kv.key.window().start(), kv.key.window().end()), kv.value));
            }
        }
        return result;
    }

    /** What each kind of window must hold, from the events in the order they were sent. */
    static Map<String, SortedMap<Span, Long>> expected(List<AdEvent> events) {
        long size = WindowKinds.SIZE.toMillis();
        long advance = WindowKinds.ADVANCE.toMillis();
        long difference = WindowKinds.SLIDING_DIFFERENCE.toMillis();
        Map<String, SortedMap<Span, Long>> expected = new TreeMap<>();
        SortedMap<Span, Long> tumbling = new TreeMap<>();
        SortedMap<Span, Long> noGrace = new TreeMap<>();
        SortedMap<Span, Long> hopping = new TreeMap<>();
        long streamTime = Long.MIN_VALUE;
        Map<String, List<Long>> times = new TreeMap<>();
        for (AdEvent event : events) {
            long ts = event.timestamp();
            String key = event.campaignId();
            times.computeIfAbsent(key, k -> new ArrayList<>()).add(ts);
            long windowStart = ts - Math.floorMod(ts, size);
            tumbling.merge(new Span(key, windowStart, windowStart + size), 1L, Long::sum);
            // Without grace a window is closed as soon as stream time (the largest event time seen) reaches its end.
            streamTime = Math.max(streamTime, ts);
            if (windowStart + size > streamTime) {
                noGrace.merge(new Span(key, windowStart, windowStart + size), 1L, Long::sum);
            }
            for (long hop = ts - Math.floorMod(ts, advance); hop > ts - size; hop -= advance) {
                hopping.merge(new Span(key, hop, hop + size), 1L, Long::sum);
            }
        }
        SortedMap<Span, Long> sliding = new TreeMap<>();
        SortedMap<Span, Long> sessions = new TreeMap<>();
        times.forEach((key, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            // Sliding: every event ends a window [t - difference, t] holding the events of that span.
            for (long t : sorted) {
                long count = sorted.stream().filter(other -> other >= t - difference && other <= t).count();
                sliding.put(new Span(key, t - difference, t), count);
            }
            // Sessions: events at most the inactivity gap apart belong together.
            long first = sorted.get(0);
            long last = first;
            long count = 0;
            for (long t : sorted) {
                if (t - last > WindowKinds.SESSION_GAP.toMillis()) {
                    sessions.put(new Span(key, first, last), count);
                    first = t;
                    count = 0;
                }
                last = t;
                count++;
            }
            sessions.put(new Span(key, first, last), count);
        });
        expected.put(WindowKinds.TUMBLING, tumbling);
        expected.put(WindowKinds.TUMBLING_NO_GRACE, noGrace);
        expected.put(WindowKinds.HOPPING, hopping);
        expected.put(WindowKinds.SLIDING, sliding);
        expected.put(WindowKinds.SESSION, sessions);
        return expected;
    }

    /** Sliding windows: the store also keeps windows that start just after an event; the lab checks those ending at one. */
    static SortedMap<Span, Long> endingAtAnEvent(SortedMap<Span, Long> sliding, SortedMap<Span, Long> expected) {
        SortedMap<Span, Long> result = new TreeMap<>(sliding);
        result.keySet().retainAll(expected.keySet());
        return result;
    }

    private static long total(SortedMap<Span, Long> windows) {
        return windows.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void print(PrintStream out, Map<String, SortedMap<Span, Long>> actual,
            Map<String, SortedMap<Span, Long>> expected, long dropped) {
        out.printf("%-18s %8s %14s %12s   %s%n", "window kind", "windows", "sum of counts", "largest", "= expected");
        for (String kind : expected.keySet()) {
            SortedMap<Span, Long> got = kind.equals(WindowKinds.SLIDING)
                    ? endingAtAnEvent(actual.get(kind), expected.get(kind)) : actual.get(kind);
            out.printf("%-18s %8d %14d %12d   %s%n", kind, actual.get(kind).size(), total(actual.get(kind)),
                    actual.get(kind).values().stream().mapToLong(Long::longValue).max().orElse(0),
                    got.equals(expected.get(kind)) ? "yes" : "NO");
        }
        out.printf("%nWithout grace, %d late event(s) were dropped: their window had closed when they arrived.%n", dropped);
        String campaign = AdEventGenerator.campaignId(2);
        out.printf("%nCampaign %s, first minutes side by side (count per window start):%n", campaign);
        out.printf("%-9s %9s %10s %9s%n", "start", "tumbling", "no grace", "hopping");
        actual.get(WindowKinds.HOPPING).forEach((span, hops) -> {
            if (span.campaignId().equals(campaign) && span.start() < actual.get(WindowKinds.HOPPING).keySet().stream()
                    .filter(s -> s.campaignId().equals(campaign)).findFirst().orElseThrow().start() + 240_000) {
                out.printf("%-9s %9s %10s %9d%n", TIME.format(Instant.ofEpochMilli(span.start())),
                        show(actual.get(WindowKinds.TUMBLING).get(span)),
                        show(actual.get(WindowKinds.TUMBLING_NO_GRACE).get(span)), hops);
            }
        });
        out.printf("%nCampaign %s, first sessions (gap %s):%n", campaign, WindowKinds.SESSION_GAP);
        actual.get(WindowKinds.SESSION).entrySet().stream().filter(e -> e.getKey().campaignId().equals(campaign))
                .limit(6).forEach(e -> out.printf("  %s..%s  %d events%n", TIME.format(Instant.ofEpochMilli(e.getKey().start())),
                        TIME.format(Instant.ofEpochMilli(e.getKey().end())), e.getValue()));
    }

    private static String show(Long count) {
        return count == null ? "-" : count.toString();
    }
}
