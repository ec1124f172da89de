package dev.kafkacourse.session14;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** A consumer's lag for its own partitions, with the consumer API: what its group would still have to read. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Per assigned partition: end offset minus where the group would start after a restart, i.e. the committed
     * offset, or the log start offset when nothing is committed (the consumer reads from the earliest record).
     */
    public static Map<TopicPartition, Long> of(Consumer<?, ?> consumer) {
        throw new UnsupportedOperationException(
                "TODO: end offsets minus the group's committed offsets (or the log start) of the assigned partitions");
    }
}
