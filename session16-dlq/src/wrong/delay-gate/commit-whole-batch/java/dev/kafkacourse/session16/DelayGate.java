// Known-wrong answer: commits past every record of the poll, waiting ones included: a restart skips the records that were not due yet
package dev.kafkacourse.session16;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 3: one turn of a delay queue's poll loop. A record is processed no earlier than it is due; a partition
 * whose next record is not due yet is paused, never slept on, so the consumer keeps polling and stays in its group.
 */
public final class DelayGate {

    private DelayGate() {
    }

    public static int pollOnce(Consumer<String, byte[]> consumer, DelaySchedule schedule, RecordProcessor processor,
            FailureHandler onFailure, Clock clock, Duration timeout) throws Exception {
        List<TopicPartition> due = schedule.due(clock.millis());
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        int count = 0;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            done.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                long dueAt = schedule.dueAt(record);
                if (dueAt > clock.millis()) {
                    // Not yet, and nothing behind it either: fetch this very record again once it is due.
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    schedule.pausedUntil(partition, dueAt);
                    break;
                }
                try {
                    processor.process(record);
                } catch (Exception e) {
                    onFailure.failed(record, e);
                }
                count++;
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return count;
    }
}
