package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link AdEvent} as JSON, refusing events the pipeline could not use. Rejecting them here, before they are
 * buffered, costs nothing downstream: {@code send} throws {@link SerializationException} and the event is reported
 * as not sent (non-retriable: it would fail the same way every time).
 */
public final class AdEventSerializer implements Serializer<AdEvent> {

    @Override
    public byte[] serialize(String topic, AdEvent event) {
        if (event == null) {
            return null;
        }
        if (event.campaignId().isBlank()) {
            // The key is the campaignId: a blank one would pile every such event into one partition and one
            // nonsense campaign in every aggregate.
            throw new SerializationException("AdEvent " + event.eventId()
                    + " has a blank campaignId: it can be neither keyed nor counted");
        }
        if (event.timestamp() <= 0) {
            throw new SerializationException("AdEvent " + event.eventId() + " has no event time (timestamp "
                    + event.timestamp() + "): it cannot be put in a time window");
        }
        return AdEventJson.toBytes(event);
    }
}
