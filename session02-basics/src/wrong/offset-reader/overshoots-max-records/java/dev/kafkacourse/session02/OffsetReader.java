// Known-wrong answer: adds whole poll batches, so it returns every record the fetch brought back, not at most maxRecords
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
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        while (records.size() < maxRecords && consumer.position(partition) < end) {
            records.addAll(consumer.poll(Duration.ofMillis(200)).records(partition));
        }
        return records;
    }
}
