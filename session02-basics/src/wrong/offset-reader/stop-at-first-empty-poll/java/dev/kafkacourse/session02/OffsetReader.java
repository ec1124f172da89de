// Known-wrong answer: stops at the first poll that returns nothing, but an empty poll only means no data arrived yet (the first fetch is often still under way)
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
            List<ConsumerRecord<String, String>> batch = consumer.poll(Duration.ofMillis(200)).records(partition);
            if (batch.isEmpty()) {
                break;   // nothing more to read
            }
            for (ConsumerRecord<String, String> record : batch) {
                if (records.size() < maxRecords) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}
