package dev.kafkacourse.session12;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a consumer does with one record (write to a database, call a service, ...). */
@FunctionalInterface
public interface RecordWork {

    void process(ConsumerRecord<String, byte[]> record) throws Exception;
}
