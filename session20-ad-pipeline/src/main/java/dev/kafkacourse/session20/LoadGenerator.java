package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.GeneratedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Posts generated traffic to the collectors as a client would: NDJSON batches round-robin over the instances,
 * every other malformed record alone as a single JSON request (which gets 400), and a batch answered 429 or 503
 * (or not at all) sent again after a pause until it gets 202 or 400. Records are sent in the generator's order,
 * at a steady rate.
 */
public final class LoadGenerator {

    /** Counters so far; {@code records} counts records whose request got its final answer (202 or 400). */
    public record Progress(long records, long requests, long accepted, long rejected, long badRequests,
            long busy, long unavailable) {
    }

    /** One request's worth of records. */
    record Batch(List<GeneratedRecord> records, boolean ndjson) {
    }

    private final List<String> urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicInteger next = new AtomicInteger();

    public LoadGenerator(List<String> urls) {
        this.urls = List.copyOf(urls);
    }

    /** Splits {@code traffic} into requests: NDJSON batches, and every other malformed record on its own. */
    static List<Batch> batches(List<GeneratedRecord> traffic, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        List<GeneratedRecord> current = new ArrayList<>();
        int malformed = 0;
        for (GeneratedRecord record : traffic) {
            if (record.isMalformed() && malformed++ % 2 == 0) {
                batches.add(new Batch(List.of(record), false));
                continue;
            }
            current.add(record);
            if (current.size() == batchSize) {
                batches.add(new Batch(current, true));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(current, true));
        }
        return batches;
    }

    /**
     * Posts {@code traffic} at about {@code recordsPerSecond} with up to {@code concurrency} requests at once;
     * returns the records whose requests got their final answer (all of them, or fewer when {@code stop} said so).
     */
    public List<GeneratedRecord> post(List<GeneratedRecord> traffic, int batchSize, double recordsPerSecond,
            int concurrency, BooleanSupplier stop) {
        List<GeneratedRecord> posted = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(concurrency);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        int scheduled = 0;
        try {
            for (Batch batch : batches(traffic, batchSize)) {
                if (stop.getAsBoolean()) {
                    break;
                }
                long due = start + (long) (scheduled / recordsPerSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
                slots.acquireUninterruptibly();
                scheduled += batch.records().size();
                senders.execute(() -> {
                    try {
                        send(batch);
                        posted.addAll(batch.records());
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquireUninterruptibly(concurrency);   // every request has its final answer
        } finally {
            senders.shutdown();
        }
        return List.copyOf(posted);
    }

    /** Sends one request until it gets a final answer (202 or 400); 429, 503 and no answer mean "again, later". */
    void send(Batch batch) {
        byte[] body = body(batch);
        while (true) {
            String url = urls.get(Math.floorMod(next.getAndIncrement(), urls.size())) + "/events";
            requests.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", batch.ndjson() ? "application/x-ndjson" : "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                switch (response.statusCode()) {
                    case 202, 400 -> {
                        var answer = HttpStats.JSON.readTree(response.body());
                        accepted.addAndGet(answer.path("accepted").asLong());
                        rejected.addAndGet(answer.path("rejected").asLong());
                        if (response.statusCode() == 400) {
                            badRequests.incrementAndGet();
                        }
                        records.addAndGet(batch.records().size());
                        return;
                    }
                    case 429 -> busy.incrementAndGet();
                    default -> unavailable.incrementAndGet();
                }
            } catch (IOException e) {
                unavailable.incrementAndGet();   // an instance going away: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while posting", e);
            }
            sleep(100);
        }
    }

    public Progress progress() {
        return new Progress(records.get(), requests.get(), accepted.get(), rejected.get(), badRequests.get(),
                busy.get(), unavailable.get());
    }

    private static byte[] body(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (GeneratedRecord record : batch.records()) {
            out.writeBytes(record.value());
            if (batch.ndjson()) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
