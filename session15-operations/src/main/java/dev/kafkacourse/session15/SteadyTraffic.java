package dev.kafkacourse.session15;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventRecords;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A producer that keeps writing while an operator works on the cluster, like the pipeline's collector does. It
 * sends the given events in order: {@link #TICK_EVENTS} every {@link #TICK_MILLIS} ms while the operation runs
 * (steady traffic, not a burst that ends before the first broker stops), then the rest at full speed once
 * {@link #finish()} is called. Every acknowledgement and every failure is counted from the send callbacks.
 */
public final class SteadyTraffic implements AutoCloseable {

    static final int TICK_EVENTS = 5;
    static final long TICK_MILLIS = 20;
    static final int WARM_UP = 200;

    /** What the producer saw. */
    public record Report(int sent, int acknowledged, int failed, long maxAckMillis, String firstError) {
    }

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final List<AdEvent> events;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong maxAckNanos = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final CountDownLatch finishing = new CountDownLatch(1);
    private final Thread thread;

    public SteadyTraffic(KafkaProducer<String, String> producer, String topic, List<AdEvent> events) {
        this.producer = producer;
        this.topic = topic;
        this.events = List.copyOf(events);
        this.thread = new Thread(this::sendAll, "steady-traffic");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sending and returns once {@link #WARM_UP} records are acknowledged: the producer then has its producer
     * id and metadata, and every partition has had its first batch, before the operation starts moving leaders.
     */
    public SteadyTraffic start() {
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.get() + failed.get() < Math.min(WARM_UP, events.size()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return this;
    }

    /** Sends what is left at full speed, waits for every callback and reports. */
    public Report finish() {
        finishing.countDown();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        return report();
    }

    public Report report() {
        return new Report(sent.get(), acknowledged.get(), failed.get(), maxAckNanos.get() / 1_000_000,
                firstError.get());
    }

    private void sendAll() {
        for (int i = 0; i < events.size(); i++) {
            long sentAt = System.nanoTime();
            producer.send(AdEventRecords.toRecord(topic, events.get(i)), (metadata, error) -> {
                maxAckNanos.accumulateAndGet(System.nanoTime() - sentAt, Math::max);
                if (error == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
                }
            });
            sent.incrementAndGet();
            if (i % TICK_EVENTS == TICK_EVENTS - 1 && finishing.getCount() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            }
        }
    }

    /** Producer settings for the durable pipeline: every write on two in-sync copies, retries without duplicates. */
    public static Map<String, Object> durableProducer() {
        // delivery.timeout.ms below the 2-minute default: a write that cannot complete shows up as a failure in
        // seconds; 30 s is still far longer than any leader move of a healthy rolling restart.
        // One request in flight per broker: with five, a partition's batch that failed on the old leader can be
        // retried after a later batch was already accepted by a new leader that knew nothing of this producer,
        // which then refuses it as out of sequence (seen here during leader moves, 2 of 4 runs).
        return Map.of("acks", "all", "enable.idempotence", "true", "linger.ms", 5, "delivery.timeout.ms", 30_000,
                "request.timeout.ms", 10_000, "max.in.flight.requests.per.connection", 1);
    }

    @Override
    public void close() {
        finishing.countDown();
    }
}
