package dev.kafkacourse.session16;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A consumer of {@code ad-events} that keeps going past poison pills: each record is processed (with blocking
 * retries, if the processor has them) or sent to the dead-letter topic, and offsets are committed once the dead
 * letters are on the broker. One turn of its loop is {@link DeadLetterPollLoop#pollOnce}.
 *
 * <p>Not thread-safe, like the {@link KafkaConsumer} inside it: one thread polls.
 */
public final class DeadLetterConsumer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> dlqProducer;
    private final RecordProcessor processor;
    private final DeadLetterTarget target;
    private long processed;
    private long deadLettered;
    private long polls;

    /**
     * @param consumerConfig common client settings plus {@code group.id}; auto-commit is switched off here
     * @param producerConfig common client settings for the DLQ producer ({@code acks=all}, idempotent: the
     *                       Kafka 4 defaults)
     */
    public DeadLetterConsumer(Map<String, Object> consumerConfig, Map<String, Object> producerConfig, String topic,
            RecordProcessor processor, String dlqTopic) {
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        String group = String.valueOf(config.get(ConsumerConfig.GROUP_ID_CONFIG));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.dlqProducer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.processor = processor;
        this.target = new DeadLetterTarget(dlqTopic, group);
        consumer.subscribe(List.of(topic));
    }

    /** One turn of the loop. */
    public PollOutcome pollOnce() {
        PollOutcome outcome = DeadLetterPollLoop.pollOnce(consumer, dlqProducer, processor, target, POLL);
        processed += outcome.processed();
        deadLettered += outcome.deadLettered();
        polls++;
        return outcome;
    }

    /** Polls until {@code done} holds, or fails after {@code timeout}. */
    public void pollUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not done within " + timeout + ": processed " + processed
                        + ", dead-lettered " + deadLettered);
            }
            pollOnce();
        }
    }

    public long processed() {
        return processed;
    }

    public long deadLettered() {
        return deadLettered;
    }

    public long polls() {
        return polls;
    }

    public String group() {
        return target.consumerGroup();
    }

    @Override
    public void close() {
        consumer.close();
        dlqProducer.close();
    }
}
