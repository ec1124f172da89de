package dev.kafkacourse.session10.serde;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.util.UUID;

/**
 * The pipeline's {@link AdEvent} in the three formats: the generated Avro class
 * ({@code src/main/avro/ad-event.avsc}) and the generated Protobuf class ({@code src/main/proto/ad_event.proto});
 * JSON is {@code AdEventJson}. Same ten fields each.
 */
public final class AdEventFormats {

    private AdEventFormats() {
    }

    public static dev.kafkacourse.ads.avro.AdEvent toAvro(AdEvent event) {
        return dev.kafkacourse.ads.avro.AdEvent.newBuilder()
                .setEventId(event.eventId().toString())
                .setType(dev.kafkacourse.ads.avro.EventType.valueOf(event.type().name()))
                .setImpressionId(event.impressionId() == null ? null : event.impressionId().toString())
                .setCampaignId(event.campaignId())
                .setAdId(event.adId())
                .setUserId(event.userId())
                .setTimestamp(event.timestamp())
                .setCountry(event.country())
                .setDevice(event.device())
                .setCostMicros(event.costMicros())
                .build();
    }

    public static AdEvent fromAvro(dev.kafkacourse.ads.avro.AdEvent avro) {
        return new AdEvent(UUID.fromString(avro.getEventId()), EventType.valueOf(avro.getType().name()),
                avro.getImpressionId() == null ? null : UUID.fromString(avro.getImpressionId()),
                avro.getCampaignId(), avro.getAdId(), avro.getUserId(), avro.getTimestamp(), avro.getCountry(),
                avro.getDevice(), avro.getCostMicros());
    }

    public static dev.kafkacourse.ads.proto.AdEvent toProto(AdEvent event) {
        dev.kafkacourse.ads.proto.AdEvent.Builder builder = dev.kafkacourse.ads.proto.AdEvent.newBuilder()
                .setEventId(event.eventId().toString())
                .setType(dev.kafkacourse.ads.proto.EventType.valueOf(event.type().name()))
                .setCampaignId(event.campaignId())
                .setAdId(event.adId())
                .setUserId(event.userId())
                .setTimestamp(event.timestamp())
                .setCountry(event.country())
                .setDevice(event.device())
                .setCostMicros(event.costMicros());
        if (event.impressionId() != null) {
            builder.setImpressionId(event.impressionId().toString());
        }
        return builder.build();
    }

    public static AdEvent fromProto(dev.kafkacourse.ads.proto.AdEvent proto) {
        return new AdEvent(UUID.fromString(proto.getEventId()), EventType.valueOf(proto.getType().name()),
                proto.hasImpressionId() ? UUID.fromString(proto.getImpressionId()) : null,
                proto.getCampaignId(), proto.getAdId(), proto.getUserId(), proto.getTimestamp(), proto.getCountry(),
                proto.getDevice(), proto.getCostMicros());
    }
}
