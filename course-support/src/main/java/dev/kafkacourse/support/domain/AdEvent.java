package dev.kafkacourse.support.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;
import java.util.UUID;

/**
 * One ad impression or click: the record that flows through the whole pipeline (topic {@code ad-events}, key =
 * campaignId).
 *
 * @param eventId      unique per event; a retried send carries the same id, which is how duplicates are found
 * @param type         impression or click
 * @param impressionId on a click, the impression that was clicked; null on impressions
 * @param campaignId   the advertiser's campaign, the key of every aggregate
 * @param adId         the creative shown
 * @param userId       who saw or clicked it
 * @param timestamp    event time, epoch milliseconds (not the time Kafka received it)
 * @param country      ISO 3166 country code
 * @param device       e.g. mobile, desktop, tablet
 * @param costMicros   what the advertiser pays for this event, in millionths of the currency unit
 */
public record AdEvent(
        UUID eventId,
        EventType type,
        UUID impressionId,
        String campaignId,
        String adId,
        String userId,
        long timestamp,
        String country,
        String device,
        long costMicros) {

    public AdEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(campaignId, "campaignId");
        if (type == EventType.CLICK && impressionId == null) {
            throw new IllegalArgumentException("a CLICK needs the impressionId it belongs to");
        }
        if (costMicros < 0) {
            throw new IllegalArgumentException("costMicros must not be negative, was " + costMicros);
        }
    }

    @JsonIgnore
    public boolean isClick() {
        return type == EventType.CLICK;
    }

    @JsonIgnore
    public boolean isImpression() {
        return type == EventType.IMPRESSION;
    }
}
