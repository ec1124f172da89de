package dev.kafkacourse.session16;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one turn of a dead-lettering poll loop did.
 *
 * @param processed    records processed successfully
 * @param deadLettered records sent to the DLQ (and confirmed by the broker)
 * @param committed    the offsets committed at the end of the turn
 */
public record PollOutcome(int processed, int deadLettered, Map<TopicPartition, OffsetAndMetadata> committed) {

    public static final PollOutcome NOTHING = new PollOutcome(0, 0, Map.of());

    public PollOutcome {
        committed = Map.copyOf(committed);
    }

    public int records() {
        return processed + deadLettered;
    }
}
