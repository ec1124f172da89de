package dev.kafkacourse.session16;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * A dead-letter record read back with {@link DeadLetters#read}: where the record came from, why it failed, and
 * its original key, value and headers.
 *
 * @param originalTopic     topic the record was read from
 * @param originalPartition its partition
 * @param originalOffset    its offset
 * @param originalTimestamp its record timestamp, epoch ms
 * @param key               its key (null if it had none)
 * @param exceptionClass    class of the exception that made it fail
 * @param message           the exception's message
 * @param stackTrace        short stack trace
 * @param failedAt          when it was dead-lettered
 * @param attempts          how many times processing was tried
 * @param consumerGroup     the group that gave up on it
 * @param reason            the kind of failure
 * @param value             the original value, byte for byte
 * @param originalHeaders   the original record's own headers
 * @param dlqPartition      where this dead letter sits in the DLQ: partition
 * @param dlqOffset         and offset
 */
public record DeadLetter(String originalTopic, int originalPartition, long originalOffset, long originalTimestamp,
        String key, String exceptionClass, String message, String stackTrace, Instant failedAt, int attempts,
        String consumerGroup, FailureKind reason, byte[] value, List<Header> originalHeaders, int dlqPartition,
        long dlqOffset) {

    /** The original record's identity, {@code topic-partition@offset}: unique per record ever written. */
    public String origin() {
        return originalTopic + "-" + originalPartition + "@" + originalOffset;
    }
}
