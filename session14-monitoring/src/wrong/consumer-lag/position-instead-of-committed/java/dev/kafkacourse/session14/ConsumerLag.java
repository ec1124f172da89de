// Known-wrong answer: measures from the consumer's position (what it fetched) instead of the committed offset; records read but not committed look done, though a restart reads them again
package dev.kafkacourse.session14;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> lag = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition partition : partitions) {
            long from = consumer.position(partition);
            lag.put(partition, Math.max(0, ends.get(partition) - from));
        }
        return lag;
    }
}
