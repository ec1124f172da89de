// Known-wrong answer: polls until it has maxRecords, never looking at the end offset, so near the end of a partition it waits forever for records that are not there
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
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        while (records.size() < maxRecords) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                if (records.size() < maxRecords) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
