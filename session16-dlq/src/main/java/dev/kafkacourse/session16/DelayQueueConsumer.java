package dev.kafkacourse.session16;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DelaySchedule schedule;
    private final RecordProcessor processor;
    private final FailureHandler onFailure;
    private final Clock clock;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong revocations = new AtomicLong();

    public DelayQueueConsumer(Map<String, Object> consumerConfig, Map<String, Duration> topicDelays,
            RecordProcessor processor, FailureHandler onFailure, Clock clock) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.schedule = new DelaySchedule(topicDelays);
        this.processor = record -> {
            processor.process(record);
            processed.incrementAndGet();
        };
        this.onFailure = onFailure;
        this.clock = clock;
        consumer.subscribe(schedule.topics(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revocations.addAndGet(partitions.size());
                schedule.forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
    }

    /** One turn of the loop ({@link DelayGate#pollOnce}): returns how many records were done. */
    public int pollOnce() throws Exception {
        return DelayGate.pollOnce(consumer, schedule, processor, onFailure, clock, POLL);
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
        return schedule.dueAt(record);
    }

    public long processed() {
        return processed.get();
    }

    /** How often a partition was paused because its next record was not due. */
    public long pauses() {
        return schedule.pauses();
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
