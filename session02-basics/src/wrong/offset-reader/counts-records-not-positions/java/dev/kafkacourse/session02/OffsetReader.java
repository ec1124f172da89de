// Known-wrong answer: expects end - fromOffset records, but offsets are positions, not a count: records before the log start offset are gone, so it waits forever for them
package dev.kafkacourse.session02;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

public final class OffsetReader {

    private OffsetReader() {
    }

    public static List<ConsumerRecord<String, String>> readRange(Consumer<String, String> consumer,
            TopicPartition partition, long fromOffset, int maxRecords) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, fromOffset);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long expected = Math.min(maxRecords, Math.max(0, end - fromOffset));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        while (records.size() < expected) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (records.size() < expected) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
