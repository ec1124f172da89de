// Known-wrong answer: commits only past records it processed: a partition ending in a poison pill is never committed past it, and a restart dead-letters it again
package dev.kafkacourse.session16;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 1 (core): one turn of a poll loop that never stops on a poison pill and never loses one. A record that
 * fails goes to the dead-letter topic with the full header set, the loop moves on to the next record, and the
 * offsets are committed only once every dead letter of the poll is safely on the broker.
 */
public final class DeadLetterPollLoop {

    private DeadLetterPollLoop() {
    }

    public static PollOutcome pollOnce(Consumer<String, byte[]> consumer, Producer<String, byte[]> dlqProducer,
            RecordProcessor processor, DeadLetterTarget target, Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return PollOutcome.NOTHING;
        }
        int processed = 0;
        List<Future<RecordMetadata>> deadLetters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                processor.process(record);
                processed++;
                next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            } catch (Exception e) {
                deadLetters.add(dlqProducer.send(DeadLetters.deadLetter(target.topic(), record, e,
                        target.consumerGroup(), target.clock().instant())));
            }
        }
        for (Future<RecordMetadata> ack : deadLetters) {
            try {
                ack.get();   // the source offset may only be committed once its dead letter is durable
            } catch (ExecutionException e) {
                throw new IllegalStateException("A dead letter could not be written to " + target.topic()
                        + "; nothing committed, the poll will be read again: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the DLQ", e);
            }
        }
        consumer.commitSync(next);
        return new PollOutcome(processed, deadLetters.size(), next);
    }
}
