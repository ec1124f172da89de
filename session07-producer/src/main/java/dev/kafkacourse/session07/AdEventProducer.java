package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ad events to one topic (the pipeline's {@code ad-events}): key = campaignId, so a campaign's events stay
 * in one partition and in order; record timestamp = event time. Three ways to send:
 *
 * <ul>
 *   <li>{@link #fireAndForget}: returns at once, the caller never hears about this record;</li>
 *   <li>{@link #send(AdEvent, Consumer)} / {@link #sendAsync}: returns at once, the outcome arrives later on the
 *       producer's I/O thread;</li>
 *   <li>{@link #sendAndWait}: blocks until the broker answers or the wait runs out.</li>
 * </ul>
 *
 * <p>Whatever the style, no event is lost silently: every event is counted as acknowledged, failed (with the
 * reason, classified retriable or not) or pending in {@link #report()}, and every failure also goes to the failure
 * listener given at construction (e.g. to park it in a dead-letter topic). Errors a plain {@code send} throws
 * (a serializer's rejection, a closed producer) are turned into failures too, so callers never need two error
 * paths.
 *
 * <p>Thread-safe, like the {@link KafkaProducer} inside. Build it from plain client settings (bootstrap servers,
 * security, tuning); the key and value serializers are its own.
 */
public final class AdEventProducer implements AutoCloseable {

    /** How many failures {@link #report()} keeps with their events (the count is always exact). */
    public static final int MAX_KEPT_FAILURES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AdEventProducer.class);

    private final Producer<String, AdEvent> producer;
    private final String topic;
    private final Consumer<SendFailure> failureListener;
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ArrayDeque<SendFailure> recentFailures = new ArrayDeque<>();

    /** Sends JSON through {@link AdEventSerializer}, which rejects events the pipeline cannot use. */
    public AdEventProducer(Map<String, Object> config, String topic) {
        this(config, topic, new AdEventSerializer(), failure -> { });
    }

    /**
     * @param config          producer settings; {@code bootstrap.servers} is required, serializer settings are
     *                        ignored (this class brings its own)
     * @param topic           where every event goes
     * @param valueSerializer how an event becomes bytes; it may throw to reject an event
     * @param failureListener told about every failed event, on the thread that learned of it (often the
     *                        producer's I/O thread: it must be quick and must not block)
     */
    public AdEventProducer(Map<String, Object> config, String topic, Serializer<AdEvent> valueSerializer,
            Consumer<SendFailure> failureListener) {
        Objects.requireNonNull(config, "config");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("AdEventProducer needs a topic name, got '" + topic + "'");
        }
        if (config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("AdEventProducer needs " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " in its config (e.g. localhost:9092, or the MSK bootstrap brokers string)");
        }
        this.topic = topic;
        this.failureListener = Objects.requireNonNull(failureListener, "failureListener");
        this.producer = new KafkaProducer<>(new HashMap<>(config), new StringSerializer(),
                Objects.requireNonNull(valueSerializer, "valueSerializer"));
    }

    public String topic() {
        return topic;
    }

    /**
     * Hands the event to the producer and returns at once; the caller gets no outcome. A failure still lands in
     * {@link #report()} and the failure listener: "forget" is about the caller, not about losing track.
     */
    public void fireAndForget(AdEvent event) {
        send(event, outcome -> { });
    }

    /**
     * Sends asynchronously; {@code callback} gets exactly one outcome, SENT or FAILED. It usually runs on the
     * producer's I/O thread, so it must be quick and must not block or send synchronously. When the producer
     * refuses the event up front (serializer, record too large for {@code max.request.size}, closed producer), the
     * callback runs before this method returns, on the caller's thread.
     */
    public void send(AdEvent event, Consumer<SendOutcome> callback) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(callback, "callback");
        attempted.incrementAndGet();
        long start = System.nanoTime();
        // The record's shape and both error paths (the callback's exception, what send() throws) are exercise 1's
        // CallbackPublisher.send: this class counts and times what it reports.
        CallbackPublisher.send(producer, topic, event, new SendListener() {
            @Override
            public void acknowledged(AdEvent sent, RecordMetadata metadata) {
                acknowledged.incrementAndGet();
                deliver(callback, SendOutcome.sent(sent, metadata, since(start)));
            }

            @Override
            public void failed(SendFailure failure) {
                recordFailure(failure);
                deliver(callback, SendOutcome.failed(failure, since(start)));
            }
        });
    }

    /** Like {@link #send(AdEvent, Consumer)}, as a future that always completes normally with the outcome. */
    public CompletableFuture<SendOutcome> sendAsync(AdEvent event) {
        CompletableFuture<SendOutcome> future = new CompletableFuture<>();
        send(event, future::complete);
        return future;
    }

    /**
     * Sends and waits up to {@code timeout} for the broker's answer. Returns SENT or FAILED, or UNCONFIRMED when
     * the wait ran out (the record may still be written; {@link #report()} counts it when the answer comes).
     * Before the wait starts, {@code send} itself may block up to {@code max.block.ms} for the topic's metadata or
     * buffer space: keep {@code max.block.ms} below the time a caller can afford. An interrupt does not cut the
     * wait short: it is bounded by {@code timeout} anyway.
     */
    public SendOutcome sendAndWait(AdEvent event, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        // The outcome future always completes normally; when the time is up it completes as UNCONFIRMED, and the
        // real answer, arriving later, only updates the report.
        return sendAsync(event)
                .completeOnTimeout(SendOutcome.unconfirmed(event, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS)
                .join();
    }

    /** Sends everything buffered now and waits until each of those records is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public SendReport report() {
        synchronized (recentFailures) {
            // Read the counters inside the lock so a failure is never counted without its entry, or the reverse.
            return new SendReport(attempted.get(), acknowledged.get(), failed.get(), List.copyOf(recentFailures));
        }
    }

    /** The Kafka client's own metrics (e.g. {@code record-error-total}, {@code request-latency-avg}). */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    /** Flushes what is buffered (waiting at most 30 s) and closes. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Waits at most {@code timeout} for buffered records; what is still unsent then fails and is reported. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void deliver(Consumer<SendOutcome> callback, SendOutcome outcome) {
        try {
            callback.accept(outcome);
        } catch (RuntimeException e) {
            // A caller's bug must not break the producer's I/O thread or lose the other callbacks.
            LOG.error("Send callback failed for event {}", outcome.event().eventId(), e);
        }
    }

    private void recordFailure(SendFailure failure) {
        synchronized (recentFailures) {
            failed.incrementAndGet();
            if (recentFailures.size() == MAX_KEPT_FAILURES) {
                recentFailures.removeFirst();
            }
            recentFailures.addLast(failure);
        }
        try {
            failureListener.accept(failure);
        } catch (RuntimeException e) {
            LOG.error("Failure listener failed for {}",
                    failure, e);
        }
    }
}
