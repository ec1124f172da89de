package dev.kafkacourse.session16;

import dev.kafkacourse.support.dlq.DeadLetters;
import dev.kafkacourse.support.dlq.FailureKind;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

/**
 * This session's failures in the pipeline's {@link DeadLetters} format: the {@link FailureKind} of an error, the
 * attempts a {@link RetriesExhaustedException} carries, and, for a copy on a retry topic, the record as it first
 * arrived (the {@link RetryTopics} {@code retry.original.*} headers).
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * The dead-letter record for {@code failed}. The number of attempts is taken from {@code error} when it is a
     * {@link RetriesExhaustedException} (whose cause is then the error recorded), otherwise it is 1.
     */
    public static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, ConsumerRecord<String, byte[]> failed,
            Throwable error, String consumerGroup, Instant failedAt) {
        int attempts = error instanceof RetriesExhaustedException exhausted ? exhausted.attempts() : 1;
        Throwable cause = error instanceof RetriesExhaustedException && error.getCause() != null
                ? error.getCause() : error;
        return deadLetter(dlqTopic, failed, cause, attempts, consumerGroup, failedAt);
    }

    /** The dead-letter record for {@code failed}, tried {@code attempts} times, failing last with {@code error}. */
    public static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, ConsumerRecord<String, byte[]> failed,
            Throwable error, int attempts, String consumerGroup, Instant failedAt) {
        return DeadLetters.deadLetter(dlqTopic, failed, originOf(failed), error, kindOf(error), attempts,
                consumerGroup, failedAt);
    }

    /** The kind of {@code error}, looking through its causes. */
    public static FailureKind kindOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.kind();
            }
            if (t instanceof SerializationException) {
                return FailureKind.SCHEMA_VIOLATION;
            }
        }
        return RetryClassifier.isRetryable(error) ? FailureKind.RETRIES_EXHAUSTED : FailureKind.PROCESSING_ERROR;
    }

    /** A record that came through retry topics names the record as it first arrived, not its last copy. */
    private static DeadLetters.Origin originOf(ConsumerRecord<String, byte[]> failed) {
        Headers in = failed.headers();
        if (in.lastHeader(RetryTopics.ORIGINAL_TOPIC) == null) {
            return DeadLetters.Origin.of(failed);
        }
        return new DeadLetters.Origin(DeadLetters.text(in, RetryTopics.ORIGINAL_TOPIC),
                Integer.parseInt(DeadLetters.text(in, RetryTopics.ORIGINAL_PARTITION)),
                Long.parseLong(DeadLetters.text(in, RetryTopics.ORIGINAL_OFFSET)),
                Long.parseLong(DeadLetters.text(in, RetryTopics.ORIGINAL_TIMESTAMP)), failed.key());
    }
}
