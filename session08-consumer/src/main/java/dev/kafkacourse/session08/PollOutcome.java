package dev.kafkacourse.session08;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one turn of a poll loop did.
 *
 * @param events    valid events counted
 * @param skipped   records skipped because they were not valid events
 * @param committed the offsets committed at the end of the turn (the next offset to read, per partition)
 */
public record PollOutcome(int events, int skipped, Map<TopicPartition, OffsetAndMetadata> committed) {

    /** A poll that returned no records: nothing counted, nothing committed. */
    public static final PollOutcome NOTHING = new PollOutcome(0, 0, Map.of());

    public PollOutcome {
        committed = Map.copyOf(committed);
    }
}
