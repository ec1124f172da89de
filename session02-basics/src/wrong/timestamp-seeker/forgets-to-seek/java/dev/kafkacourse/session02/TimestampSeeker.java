// Known-wrong answer: finds the offsets but never seeks, so the consumer still starts where its group left off (here: the beginning)
package dev.kafkacourse.session02;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;


public final class TimestampSeeker {

    private TimestampSeeker() {
    }

    public static Map<TopicPartition, Long> seekToTimestamp(Consumer<?, ?> consumer, String topic, long timestamp) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, timestamp));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            long offset = hit == null ? ends.get(partition) : hit.offset();
            positions.put(partition, offset);
        }
        return positions;
    }
}
