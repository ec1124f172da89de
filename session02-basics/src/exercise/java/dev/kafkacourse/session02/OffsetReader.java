package dev.kafkacourse.session02;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 2: an offset is a record's position in its partition, and a consumer can start anywhere. Support
 * engineers use this to look at "the records around offset 1,234,567" of a partition.
 */
public final class OffsetReader {

    private OffsetReader() {
    }

    /**
     * Reads at most {@code maxRecords} records of {@code partition}, starting at offset {@code fromOffset}, in
     * offset order. Returns fewer if the partition ends first, without waiting for new records. Records before
     * the partition's log start offset were deleted by retention: the read then starts at the first one left.
     * The consumer is not subscribed to anything; use {@code assign}, not {@code subscribe}.
     */
    public static List<ConsumerRecord<String, String>> readRange(Consumer<String, String> consumer,
            TopicPartition partition, long fromOffset, int maxRecords) {
        // TODO: assign the partition, seek to fromOffset, find the end offset (endOffsets) and poll until you
        //  have maxRecords records or have reached the end.
        throw new UnsupportedOperationException("TODO session02 exercise 2: implement OffsetReader.readRange");
    }
}
