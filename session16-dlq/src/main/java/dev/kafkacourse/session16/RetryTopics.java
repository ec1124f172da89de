package dev.kafkacourse.session16;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Non-blocking retries with plain clients: a record whose processing failed with a retryable error leaves the
 * main topic's partition (which keeps flowing) and goes to a retry topic with a longer delay at each level, e.g.
 * {@code ad-events-retry-1s} then {@code ad-events-retry-10s}; a {@link DelayQueueConsumer} processes it again when
 * it is due. When the last level fails too, or the error is not retryable, the record goes to the DLQ, with the
 * coordinates of the <em>original</em> record and the number of attempts.
 *
 * <p>Headers a retry record carries (UTF-8 text): {@value #ATTEMPTS} (attempts made so far), {@value #DUE_AT}
 * (epoch ms before which it must not be processed) and {@code retry.original.*}: topic, partition, offset and
 * timestamp of the record as it first arrived, which {@link DeadLetters} puts into the dead letter.
 *
 * <p>The price: a retried record is processed after records that came later. Use it where order within a key does
 * not matter (counting impressions does not); where it does, retry blocking, in place.
 */
public final class RetryTopics {

    public static final String ATTEMPTS = "retry.attempts";
    public static final String DUE_AT = "retry.due-at";
    public static final String ORIGINAL_TOPIC = "retry.original.topic";
    public static final String ORIGINAL_PARTITION = "retry.original.partition";
    public static final String ORIGINAL_OFFSET = "retry.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "retry.original.timestamp";

    /** One retry level: its topic and how long a record waits there. */
    public record Level(String topic, Duration delay) {
    }

    private final List<Level> levels;
    private final Producer<String, byte[]> producer;
    private final DeadLetterTarget dlq;
    private final Clock clock;

    public RetryTopics(List<Level> levels, Producer<String, byte[]> producer, DeadLetterTarget dlq) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("at least one retry level is needed");
        }
        this.levels = List.copyOf(levels);
        this.producer = producer;
        this.dlq = dlq;
        this.clock = dlq.clock();
    }

    public List<Level> levels() {
        return levels;
    }

    /** The delay of each retry topic, for a {@link DelayQueueConsumer}. */
    public Map<String, Duration> delays() {
        return levels.stream().collect(Collectors.toMap(Level::topic, Level::delay));
    }

    /**
     * For the consumer of the main topic: runs {@code delegate}; a retryable failure sends the record to the first
     * retry level (and the record counts as done here), any other failure is thrown, so the poll loop
     * dead-letters it at once.
     */
    public RecordProcessor firstAttempt(RecordProcessor delegate) {
        return record -> {
            try {
                delegate.process(record);
            } catch (Exception e) {
                if (!RetryClassifier.isRetryable(e)) {
                    throw e;
                }
                send(retryRecord(levels.get(0), record, 1));
            }
        };
    }

    /**
     * For the consumer of the retry topics: {@code record} failed again with {@code error}. Sends it to the next
     * level, or to the DLQ when it was the last level or the error is not retryable, and returns once the broker
     * has it (only then may the retry topic's offset be committed).
     */
    public void failed(ConsumerRecord<String, byte[]> record, Exception error) throws Exception {
        int attempts = attempts(record) + 1;
        if (RetryClassifier.isRetryable(error) && attempts <= levels.size()) {
            send(retryRecord(levels.get(attempts - 1), record, attempts));
        } else {
            send(DeadLetters.deadLetter(dlq.topic(), record, error, attempts, dlq.consumerGroup(), clock.instant()));
        }
    }

    /** Attempts made so far according to the record's headers: 0 for a record straight from the main topic. */
    public static int attempts(ConsumerRecord<?, ?> record) {
        String value = DeadLetters.text(record.headers(), ATTEMPTS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    private ProducerRecord<String, byte[]> retryRecord(Level level, ConsumerRecord<String, byte[]> failed,
            int attempts) {
        Headers headers = new RecordHeaders();
        for (Header header : failed.headers()) {
            if (!header.key().equals(ATTEMPTS) && !header.key().equals(DUE_AT)) {
                headers.add(header);
            }
        }
        if (failed.headers().lastHeader(ORIGINAL_TOPIC) == null) {   // first retry: remember where it came from
            text(headers, ORIGINAL_TOPIC, failed.topic());
            text(headers, ORIGINAL_PARTITION, Integer.toString(failed.partition()));
            text(headers, ORIGINAL_OFFSET, Long.toString(failed.offset()));
            text(headers, ORIGINAL_TIMESTAMP, Long.toString(failed.timestamp()));
        }
        long now = clock.millis();
        text(headers, ATTEMPTS, Integer.toString(attempts));
        text(headers, DUE_AT, Long.toString(now + level.delay().toMillis()));
        return new ProducerRecord<>(level.topic(), null, now, failed.key(), failed.value(), headers);
    }

    private void send(ProducerRecord<String, byte[]> record) throws InterruptedException {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write to " + record.topic() + ": " + e.getCause(), e.getCause());
        }
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
