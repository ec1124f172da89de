package dev.kafkacourse.session14;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ad events flowing through Kafka with their metrics on a Micrometer registry: a producer and a consumer bound with
 * Micrometer's {@link KafkaClientMetrics} (send rate, request latency, records consumed, records-lag), and the
 * end-to-end latency (record timestamp to processing) as a timer with a percentile histogram, so Prometheus can
 * compute p99 with {@code histogram_quantile}. The consumer can be paused to make lag on purpose.
 */
public final class AdTraffic implements AutoCloseable {

    public static final String LATENCY = "adstats.e2e.latency";

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<KafkaClientMetrics> binders;
    private final java.util.concurrent.ScheduledExecutorService binderRefresh;
    private final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> pauseApplied =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final Timer latency;
    private final List<GeneratedRecord> events;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile int maxPerSecond = Integer.MAX_VALUE;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread consumerThread;
    private volatile double recordsLagMax = Double.NaN;
    private volatile boolean assigned;

    public AdTraffic(KafkaFixture kafka, MeterRegistry registry, String topic, String group) {
        this.topic = topic;
        this.producer = kafka.producer(Map.of(), new StringSerializer(), new ByteArraySerializer());
        this.consumer = kafka.consumer(group, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200),
                new StringDeserializer(), new ByteArrayDeserializer());
        // Micrometer looks for new client metrics (a topic's, a partition's) every second instead of every minute.
        this.binderRefresh = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-client-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.binders = List.of(
                new KafkaClientMetrics(producer, List.of(), binderRefresh, Duration.ofSeconds(1)),
                new KafkaClientMetrics(consumer, List.of(), binderRefresh, Duration.ofSeconds(1)));
        binders.forEach(binder -> binder.bindTo(registry));
        this.latency = Timer.builder(LATENCY).description("record timestamp to processing by the consumer")
                .tag("topic", topic).publishPercentileHistogram().publishPercentiles(0.99)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                // the client-side p99 (the live table) covers about the last 10 s; Prometheus uses the buckets
                .distributionStatisticExpiry(Duration.ofSeconds(10)).distributionStatisticBufferLength(2)
                .register(registry);
        this.events = AdEventGenerator.builder().seed(14).impressions(2_000).campaigns(20).build().generate()
                .records().stream().filter(record -> !record.isMalformed()).toList();
        consumer.subscribe(List.of(topic));
        this.consumerThread = new Thread(this::consumeLoop, "ad-traffic-consumer");
        consumerThread.setDaemon(true);
        consumerThread.start();
    }

    /** Sends {@code count} ad events (key = campaign id; timestamp = now, for the end-to-end latency). */
    public void produce(int count) {
        for (int i = 0; i < count; i++) {
            GeneratedRecord event = events.get((int) (sent.getAndIncrement() % events.size()));
            producer.send(new ProducerRecord<>(topic, event.key(), event.value()));
        }
        producer.flush();
    }

    /**
     * The consumer keeps polling (it stays in its group) but reads nothing: lag grows. Returns once the consumer
     * thread has paused, so that nothing produced afterwards is read.
     */
    public void pauseConsumer() {
        java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
        pauseApplied.set(applied);
        paused.set(true);
        try {
            if (!applied.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the consumer thread did not pause within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void resumeConsumer() {
        paused.set(false);
        maxPerSecond = Integer.MAX_VALUE;
    }

    /** The consumer keeps reading and committing, but at most {@code recordsPerSecond}: a slow consumer. */
    public void throttleConsumer(int recordsPerSecond) {
        maxPerSecond = recordsPerSecond;
    }

    /** Waits until the consumer has its partitions, so that the first records do not wait for the group. */
    public void awaitAssignment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!assigned) {
            throw new IllegalStateException("the consumer got no partitions within " + timeout);
        }
    }

    public long sent() {
        return sent.get();
    }

    public long consumed() {
        return consumed.get();
    }

    /** The consumer's own {@code records-lag-max}, as read on its thread after its last poll. */
    public double recordsLagMax() {
        return recordsLagMax;
    }

    /** The 99th percentile of the end-to-end latency in ms, from the timer's own (client-side) estimate. */
    public double p99Millis() {
        return java.util.Arrays.stream(latency.takeSnapshot().percentileValues())
                .filter(p -> p.percentile() == 0.99).mapToDouble(p -> p.value(java.util.concurrent.TimeUnit.MILLISECONDS))
                .findFirst().orElse(Double.NaN);
    }

    public Timer latency() {
        return latency;
    }

    public String topic() {
        return topic;
    }

    private void consumeLoop() {
        try {
            while (running.get()) {
                if (paused.get()) {
                    consumer.pause(consumer.assignment());
                    java.util.concurrent.CountDownLatch applied = pauseApplied.getAndSet(null);
                    if (applied != null && !consumer.assignment().isEmpty()) {
                        applied.countDown();
                    } else if (applied != null) {
                        pauseApplied.compareAndSet(null, applied); // not assigned yet: try again next turn
                    }
                } else {
                    consumer.resume(consumer.paused());
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    latency.record(Duration.ofMillis(Math.max(0, now - record.timestamp())));
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                    consumed.addAndGet(records.count());
                    int limit = maxPerSecond;
                    if (limit != Integer.MAX_VALUE) {
                        Thread.sleep(records.count() * 1000L / limit); // the lab's slow consumer
                    }
                }
                assigned = !consumer.assignment().isEmpty();
                recordsLagMax = ClientLag.recordsLagMax(consumer);
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            consumerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        binders.forEach(KafkaClientMetrics::close);
        binderRefresh.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
