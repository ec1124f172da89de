package dev.kafkacourse.session16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOff;

/**
 * The same dead-letter format from a Spring Kafka listener container: a {@link DefaultErrorHandler} that retries
 * in place with a back-off, never retries a poison pill, and hands what is left to a
 * {@link DeadLetterPublishingRecoverer} writing {@link DeadLetters}' headers (beside Spring's own
 * {@code kafka_dlt-*} ones). The container must run with {@code deliveryAttemptHeader=true} so the attempt count
 * reaches the dead letter.
 */
public final class SpringDeadLetters {

    private SpringDeadLetters() {
    }

    /**
     * @param template  sends the dead letters (String keys, byte[] values)
     * @param dlqTopic  the dead-letter topic; the partition is left to the partitioner (the DLQ may have a
     *                  different number of partitions than the source)
     * @param group     the consumer group, written into each dead letter
     * @param backOff   delays between attempts, e.g. an {@code ExponentialBackOff} with jitter and max attempts
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> template, String dlqTopic,
            String group, BackOff backOff, Clock clock) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(dlqTopic, -1));
        recoverer.setHeadersFunction((record, exception) -> headers(record, exception, dlqTopic, group, clock));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // Retry the failed record in memory instead of seeking back and fetching the rest of the poll again: the
        // fetch after a seek waits for the one already in flight (up to fetch.max.wait.ms) on every error.
        handler.setSeekAfterError(false);
        // Same classification as RetryClassifier: only what may pass on a later try is retried.
        handler.defaultFalse();
        handler.addRetryableExceptions(TransientSinkException.class, RetriableException.class, TimeoutException.class,
                IOException.class);
        return handler;
    }

    @SuppressWarnings("unchecked")
    static Headers headers(ConsumerRecord<?, ?> record, Exception exception, String dlqTopic, String group,
            Clock clock) {
        Throwable cause = exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                ? exception.getCause() : exception;
        Header attempt = record.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT);
        int attempts = attempt == null ? 1 : ByteBuffer.wrap(attempt.value()).getInt();
        Headers ours = DeadLetters.deadLetter(dlqTopic, (ConsumerRecord<String, byte[]>) record, cause, attempts,
                group, clock.instant()).headers();
        Headers dlqOnly = new RecordHeaders();
        for (Header header : ours) {
            if (DeadLetters.HEADERS.contains(header.key())) {   // the recoverer copies the original headers itself
                dlqOnly.add(header);
            }
        }
        return dlqOnly;
    }
}
