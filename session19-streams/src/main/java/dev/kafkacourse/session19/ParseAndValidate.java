package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses each record of {@code ad-events} once, checks the rules JSON parsing cannot see, and gives the record its
 * event time: the event's own {@code timestamp}, not when a producer happened to send it. A refused record keeps
 * its original bytes and gets the reason and its origin in {@link DeadLetterHeaders}.
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
            refuse(record, "record has no value", "validation");
            return;
        }
        AdEvent event;
        try {
            event = AdEventJson.fromBytes(record.value());
        } catch (SerializationException e) {
            refuse(record, e.getMessage(), rootCause(e).getClass().getName());
            return;
        }
        if (!event.campaignId().equals(record.key())) {
            // Aggregation trusts the key: a record keyed by another campaign would be counted in the wrong place.
            refuse(record, "record key '" + record.key() + "' is not the event's campaignId '" + event.campaignId() + "'",
                    "validation");
            return;
        }
        context.forward(record.withValue(ParsedEvent.valid(event)).withTimestamp(event.timestamp()));
    }

    private void refuse(FixedKeyRecord<String, byte[]> record, String reason, String exception) {
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        DeadLetterHeaders.add(record.headers(), reason, exception, origin.topic(), origin.partition(), origin.offset());
        context.forward(record.withValue(ParsedEvent.refused(record.value())));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
