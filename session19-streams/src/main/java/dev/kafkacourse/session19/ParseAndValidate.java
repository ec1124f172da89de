package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.dlq.DeadLetters;
import dev.kafkacourse.support.dlq.FailureKind;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses each record of {@code ad-events} once, checks the rules JSON parsing cannot see, and gives the record its
 * event time: the event's own {@code timestamp}, not when a producer happened to send it. A refused record keeps
 * its original key and bytes and gets the reason and its origin in the pipeline's {@link DeadLetters} headers.
 *
 * <p>A {@link FixedKeyProcessor} (used with {@code processValues}) cannot change the key, so Streams knows the
 * stream is still partitioned by campaignId and the later {@code groupByKey} needs no repartition topic.
 */
final class ParseAndValidate implements FixedKeyProcessor<String, byte[], ParsedEvent> {

    private FixedKeyProcessorContext<String, ParsedEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<String, ParsedEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() == null) {
            refuse(record, FailureKind.SCHEMA_VIOLATION, new IllegalArgumentException("record has no value"));
            return;
        }
        AdEvent event;
        try {
            event = AdEventFastJson.fromBytes(record.value());   // the same events and errors as AdEventJson's
        } catch (SerializationException e) {
            refuse(record, FailureKind.ofParseError(e), e);
            return;
        }
        if (!event.campaignId().equals(record.key())) {
            // Aggregation trusts the key: a record keyed by another campaign would be counted in the wrong place.
            refuse(record, FailureKind.BUSINESS_RULE, new IllegalArgumentException("record key '" + record.key()
                    + "' is not the event's campaignId '" + event.campaignId() + "'"));
            return;
        }
        context.forward(record.withValue(ParsedEvent.valid(event)).withTimestamp(event.timestamp()));
    }

    private void refuse(FixedKeyRecord<String, byte[]> record, FailureKind reason, Exception error) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        long now = context.currentSystemTimeMs();
        // A refused record is never retried (its bytes will not change): one attempt. The group is the application.id.
        DeadLetters.writeHeaders(record.headers(), new DeadLetters.Origin(origin.topic(), origin.partition(),
                origin.offset(), record.timestamp(), record.key()), error, reason, 1, context.applicationId(),
                Instant.ofEpochMilli(now));
        // The DLQ record's timestamp is the failure time, so the DLQ's retention counts from when it failed.
        context.forward(record.withValue(ParsedEvent.refused(record.value())).withTimestamp(now));
    }
}
