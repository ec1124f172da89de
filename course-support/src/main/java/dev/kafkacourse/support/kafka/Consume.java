package dev.kafkacourse.support.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a known number of records, failing with what was read if they do not arrive in time. */
public final class Consume {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private Consume() {
    }

    /** Polls until {@code count} records have arrived; the consumer must already be subscribed or assigned. */
    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int count) {
        return records(consumer, count, DEFAULT_TIMEOUT);
    }

    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Expected " + count + " records within " + timeout.toSeconds()
                        + " s but received " + received.size());
            }
            consumer.poll(POLL).forEach(received::add);
        }
        return received;
    }
}
