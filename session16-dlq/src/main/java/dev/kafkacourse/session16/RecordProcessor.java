package dev.kafkacourse.session16;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Processes one record of {@code ad-events}; an exception means it could not be processed (after any retries). */
@FunctionalInterface
public interface RecordProcessor {
    void process(ConsumerRecord<String, byte[]> record) throws Exception;
}
