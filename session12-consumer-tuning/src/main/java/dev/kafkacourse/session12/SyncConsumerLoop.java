package dev.kafkacourse.session12;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The plain design: one thread polls, processes each record in turn and commits after the poll. Several of these
 * in one group, one per thread, is the thread-per-consumer design (parallel up to the number of partitions).
 */
public final class SyncConsumerLoop implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public SyncConsumerLoop(KafkaConsumer<String, byte[]> consumer, String topic, RecordWork work, String name) {
        this.consumer = consumer;
        this.thread = new Thread(() -> loop(topic, work), name);
    }

    public SyncConsumerLoop start() {
        thread.start();
        return this;
    }

    private void loop(String topic, RecordWork work) {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(50));
                for (ConsumerRecord<String, byte[]> record : records) {
                    work.process(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // close() while polling
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close();
        }
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
