package dev.kafkacourse.session02;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 3: "the stats job had a bug from 10:02; reprocess everything since then". Kafka indexes every
 * partition by timestamp, so a consumer can start at a point in time instead of an offset.
 */
public final class TimestampSeeker {

    private TimestampSeeker() {
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} and positions each at its first record with a
     * timestamp at or after {@code timestamp}; a partition with no such record is positioned at its end.
     *
     * @return the position chosen for each partition
     */
    public static Map<TopicPartition, Long> seekToTimestamp(Consumer<?, ?> consumer, String topic, long timestamp) {
        // TODO: partitionsFor(topic) -> assign -> offsetsForTimes; a null entry means "no record that late":
        //  use endOffsets for it. Seek every partition and return the offsets.
        throw new UnsupportedOperationException("TODO session02 exercise 3: implement TimestampSeeker.seekToTimestamp");
    }
}
