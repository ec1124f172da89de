package dev.kafkacourse.session16;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A delay queue on Kafka: processes each record of its topics no earlier than its due time, one delay level per
 * topic ({@code ad-events-retry-1s}, {@code ad-events-retry-10s}, ...). A record's due time is its
 * {@value RetryTopics#DUE_AT} header, or else its timestamp plus the topic's delay.
 *
 * <p>Records of one topic arrive in due order (same delay, appended in time order), so when the first record of a
 * partition is not due yet, nothing behind it is either: the consumer seeks back to it and <b>pauses</b> the
 * partition until then, and keeps calling {@code poll} (which returns nothing for paused partitions). Sleeping in
 * the poll loop instead would stop the heartbeat of {@code max.poll.interval.ms}: a delay longer than that gets the
 * consumer thrown out of its group, and its partitions re-read elsewhere.
 *
 * <p>Offsets are committed only past records that were processed (or handed to the failure handler), so a restart
 * loses nothing: records that were waiting are read again and wait again.
 */
public final class DelayQueueConsumer implements AutoCloseable {

    /** What to do when processing a due record fails: e.g. {@link RetryTopics#failed}. Must not return before the
     *  record is safe elsewhere, since its offset is committed afterwards. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(ConsumerRecord<String, byte[]> record, Exception error) throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Duration> delays;
    private final RecordProcessor processor;
    private final FailureHandler onFailure;
    private final Clock clock;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong revocations = new AtomicLong();

    public DelayQueueConsumer(Map<String, Object> consumerConfig, Map<String, Duration> topicDelays,
            RecordProcessor processor, FailureHandler onFailure, Clock clock) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.delays = Map.copyOf(topicDelays);
        this.processor = processor;
        this.onFailure = onFailure;
        this.clock = clock;
        consumer.subscribe(delays.keySet(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revocations.addAndGet(partitions.size());
                partitions.forEach(pausedUntil::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
    }

    /** One turn: resume what is due, poll, process what is due, pause the rest, commit what was done. */
    public int pollOnce() throws Exception {
        long now = clock.millis();
        List<TopicPartition> due = pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now)
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            consumer.resume(due);
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        int count = 0;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                long dueAt = dueAt(record);
                if (dueAt > clock.millis()) {
                    // Not yet: come back to this very record once it is due, and keep polling meanwhile.
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    pausedUntil.put(partition, dueAt);
                    pauses.incrementAndGet();
                    break;
                }
                try {
                    processor.process(record);
                    processed.incrementAndGet();
                } catch (Exception e) {
                    onFailure.failed(record, e);
                    failed.incrementAndGet();
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                count++;
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return count;
    }

    /** Polls until {@code condition} holds, or fails after {@code timeout}. */
    public void pollUntil(BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not done within " + timeout + ": processed " + processed.get());
            }
            pollOnce();
        }
    }

    /** When {@code record} is due, epoch ms. */
    public long dueAt(ConsumerRecord<String, byte[]> record) {
        String header = DeadLetters.text(record.headers(), RetryTopics.DUE_AT);
        if (header != null) {
            return Long.parseLong(header);
        }
        Duration delay = delays.get(record.topic());
        return record.timestamp() + (delay == null ? 0 : delay.toMillis());
    }

    public long processed() {
        return processed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** How often a partition was paused because its next record was not due. */
    public long pauses() {
        return pauses.get();
    }

    /** Partitions revoked from this consumer so far (a consumer thrown out of its group loses all of them). */
    public long revocations() {
        return revocations.get();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
