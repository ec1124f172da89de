package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.util.Map;

/** Events as broken collectors produce them, for the labs and tests of this session. */
public final class BadEvents {

    /**
     * A size limit small enough for a lab to exceed, used as a topic's {@code max.message.bytes} or a producer's
     * {@code max.request.size}. It stays above the producer's default {@code batch.size} (16,384): a topic limit
     * below the batch size would make the broker reject ordinary batches too.
     */
    public static final int SIZE_LIMIT = 32_768;

    /** Over {@link #SIZE_LIMIT}, well under the producer's default {@code max.request.size} (1 MiB). */
    public static final int OVERSIZED_BYTES = 64_000;

    private BadEvents() {
    }

    /** Topic configs with {@code max.message.bytes} = {@link #SIZE_LIMIT}: the broker refuses bigger batches. */
    public static Map<String, String> smallMessageLimit() {
        return Map.of("max.message.bytes", String.valueOf(SIZE_LIMIT));
    }

    /** {@code event} padded to {@link #OVERSIZED_BYTES}: the client lets it through and the broker refuses it. */
    public static AdEvent oversized(AdEvent event) {
        return oversized(event, OVERSIZED_BYTES);
    }

    /**
     * {@code event} with a {@code device} field padded to about {@code bytes} bytes, like a collector that stored
     * the whole user-agent and a debug dump in it. Serializes fine; a size limit rejects it.
     */
    public static AdEvent oversized(AdEvent event, int bytes) {
        String device = event.device() + "|" + "x".repeat(Math.max(0, bytes));
        return new AdEvent(event.eventId(), event.type(), event.impressionId(), event.campaignId(), event.adId(),
                event.userId(), event.timestamp(), event.country(), device, event.costMicros());
    }

    /** {@code event} with a blank campaignId, which {@link AdEventSerializer} rejects. */
    public static AdEvent withoutCampaign(AdEvent event) {
        return new AdEvent(event.eventId(), event.type(), event.impressionId(), " ", event.adId(), event.userId(),
                event.timestamp(), event.country(), event.device(), event.costMicros());
    }
}
