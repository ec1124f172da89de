package dev.kafkacourse.session02;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reference solution of exercise 2. */
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
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (records.size() < maxRecords) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
