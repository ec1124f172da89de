package dev.kafkacourse.session16;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Retryable or not. A record whose bytes cannot be read, or that breaks a business rule, fails the same way on
 * every attempt: retrying it only blocks the partition. Timeouts and I/O errors of a downstream system often pass.
 * Anything unknown counts as not retryable: it is most likely a bug, and the DLQ is where someone will look.
 */
public final class RetryClassifier {

    private RetryClassifier() {
    }

    public static boolean isRetryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerializationException || t instanceof RecordDeserializationException) {
                return false;   // InvalidEventException is one: poison pills are never retried
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientSinkException || t instanceof RetriableException
                    || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
