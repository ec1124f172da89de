package dev.kafkacourse.session11;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The timed loop: sends {@code warmup + records} values as fast as {@code send()} accepts them (like
 * kafka-producer-perf-test with {@code --throughput -1}), times each acknowledgement from just before {@code send()}
 * to its callback, and reads the producer's own metrics at the end. Warm-up records go first in the same stream,
 * untimed (the perf tool's {@code --warmup-records}).
 */
public final class ProducerLoop {

    private ProducerLoop() {
    }

    public static CellResult run(Map<String, Object> clientConfig, String topic, BenchCell cell, int warmup,
            int records) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putAll(cell.overrides());
        return switch (cell.payload().kind()) {
            case JSON_OBJECTS -> {
                List<AdEvent> events = Payload.adEvents();
                TimedSerializer<AdEvent> serializer = new TimedSerializer<>(AdEventJson.serializer());
                try (KafkaProducer<String, AdEvent> producer = new KafkaProducer<>(config,
                        new org.apache.kafka.common.serialization.StringSerializer(), serializer)) {
                    yield timed(producer, cell.label(), warmup, records, i -> {
                        AdEvent event = events.get(i % events.size());
                        return new ProducerRecord<>(topic, event.campaignId(), event);
                    }, serializer);
                }
            }
            case JSON_BYTES -> {
                byte[][] pool = cell.payload().bytePool();
                List<AdEvent> events = Payload.adEvents();
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config,
                        new org.apache.kafka.common.serialization.StringSerializer(), new ByteArraySerializer())) {
                    yield timed(producer, cell.label(), warmup, records, i -> new ProducerRecord<>(topic,
                            events.get(i % pool.length).campaignId(), pool[i % pool.length]), null);
                }
            }
            case LETTERS -> {
                byte[][] pool = cell.payload().bytePool();
                // No key, as the perf tool sends: the sticky partitioner fills one partition's batch at a time.
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    yield timed(producer, cell.label(), warmup, records,
                            i -> new ProducerRecord<>(topic, pool[i % pool.length]), null);
                }
            }
        };
    }

    interface RecordMaker<K, V> {
        ProducerRecord<K, V> make(int index);
    }

    private static <K, V> CellResult timed(KafkaProducer<K, V> producer, String label, int warmup, int records,
            RecordMaker<K, V> maker, TimedSerializer<?> serializer) throws InterruptedException {
        int total = warmup + records;
        long[] latencies = new long[records];
        CountDownLatch acknowledged = new CountDownLatch(total);
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAck = new AtomicLong();
        long valueBytes = 0;
        long start = 0;
        long serializeNanosBefore = 0;
        for (int i = 0; i < total; i++) {
            ProducerRecord<K, V> record = maker.make(i);
            int timedIndex = i - warmup;
            if (timedIndex == 0) {
                start = System.nanoTime();
                serializeNanosBefore = serializer == null ? 0 : serializer.nanos();
            }
            long sentAt = System.nanoTime();
            producer.send(record, (metadata, error) -> {
                long now = System.nanoTime();
                if (error != null) {
                    failed.incrementAndGet();
                }
                if (timedIndex >= 0) {
                    latencies[timedIndex] = now - sentAt;
                    lastAck.accumulateAndGet(now, Math::max);
                }
                acknowledged.countDown();
            });
            if (timedIndex >= 0) {
                // send() serializes on this thread before it returns: the serializer's last length is this record's.
                valueBytes += record.value() instanceof byte[] bytes ? bytes.length : serializer.lastLength();
            }
        }
        if (!acknowledged.await(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(label + ": " + acknowledged.getCount() + " records never acknowledged");
        }
        double seconds = (lastAck.get() - start) / 1e9;
        Arrays.sort(latencies);
        double avg = Arrays.stream(latencies).average().orElse(0) / 1e6;
        double p99 = latencies[Math.min(latencies.length - 1, (int) Math.ceil(0.99 * latencies.length) - 1)] / 1e6;
        double serializeMicros = serializer == null ? 0
                : (serializer.nanos() - serializeNanosBefore) / 1e3 / records;
        return new CellResult(label, records, failed.get(), seconds, valueBytes, avg, p99,
                metric(producer, "batch-size-avg"), metric(producer, "compression-rate-avg"),
                metric(producer, "record-queue-time-avg"), metric(producer, "request-latency-avg"),
                metric(producer, "records-per-request-avg"), serializeMicros);
    }

    /** A producer-level metric ("producer-metrics" group), NaN when the producer has none by that name. */
    static double metric(KafkaProducer<?, ?> producer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : producer.metrics().entrySet()) {
            MetricName metricName = entry.getKey();
            if (metricName.group().equals("producer-metrics") && metricName.name().equals(name)) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** Wraps the value serializer to add up the time spent in it. */
    static final class TimedSerializer<T> implements Serializer<T> {
        private final Serializer<T> inner;
        private long nanos;
        private int lastLength;

        TimedSerializer(Serializer<T> inner) {
            this.inner = inner;
        }

        @Override
        public byte[] serialize(String topic, T data) {
            long start = System.nanoTime();
            byte[] bytes = inner.serialize(topic, data);
            nanos += System.nanoTime() - start;   // send() serializes on the caller's thread: no sharing
            lastLength = bytes == null ? 0 : bytes.length;
            return bytes;
        }

        long nanos() {
            return nanos;
        }

        int lastLength() {
            return lastLength;
        }
    }
}
