package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.AdEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Validates a record and hands the event to a sink with blocking retries. Validation failures are thrown at once
 * (attempt 1): a poison pill is never retried. A sink failure is retried by the policy; when the retries run out
 * the {@link RetriesExhaustedException} carries the attempt count into the dead letter.
 */
public final class AdEventProcessor implements RecordProcessor {

    private final AdEventValidator validator;
    private final EventSink sink;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public AdEventProcessor(AdEventValidator validator, EventSink sink, RetryPolicy policy, Sleeper sleeper) {
        this.validator = validator;
        this.sink = sink;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public void process(ConsumerRecord<String, byte[]> record) throws Exception {
        AdEvent event = validator.validate(record.value());
        BlockingRetry.run(policy, sleeper, () -> sink.accept(event));
    }
}
