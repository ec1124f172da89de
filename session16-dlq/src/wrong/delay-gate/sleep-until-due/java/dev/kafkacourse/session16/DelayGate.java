// Known-wrong answer: sleeps in the poll loop until a record is due: a delay longer than max.poll.interval.ms throws the consumer out of its group
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
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                long dueAt = schedule.dueAt(record);
                long wait = dueAt - clock.millis();
                if (wait > 0) {
                    Thread.sleep(wait);   // simply wait until it is due
                }
                try {
                    processor.process(record);
                } catch (Exception e) {
                    onFailure.failed(record, e);
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                count++;
            }
        }
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        return count;
    }
}
