package dev.kafkacourse.session15;

import dev.kafkacourse.support.domain.AdEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

/**
 * A consumer group member that keeps reading during an operation, committing after every poll, and counts what
 * it got by event id: records received vs distinct events tells duplicates from losses.
 */
public final class CountingConsumer implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Set<UUID> distinct = new HashSet<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger failedCommits = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public CountingConsumer(KafkaConsumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::loop, "counting-consumer");
        this.thread.setDaemon(true);
    }

    public CountingConsumer start() {
        thread.start();
        return this;
    }

    public int received() {
        return received.get();
    }

    public synchronized int distinct() {
        return distinct.size();
    }

    public int failedCommits() {
        return failedCommits.get();
    }

    private void loop() {
        while (running.get()) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    received.incrementAndGet();
                    synchronized (this) {
                        distinct.add(AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8)).eventId());
                    }
                }
                consumer.commitSync();
            } catch (KafkaException e) {
                // A commit can fail while the group coordinator moves to another broker; the next poll retries it.
                failedCommits.incrementAndGet();
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
