package dev.kafkacourse.session16;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What to do when processing a due record fails: e.g. {@link RetryTopics#failed}. It must not return before the
 * record is safe elsewhere, since its offset is committed afterwards.
 */
@FunctionalInterface
public interface FailureHandler {
    void failed(ConsumerRecord<String, byte[]> record, Exception error) throws Exception;
}
