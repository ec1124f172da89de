package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Instant;

/**
 * The ad server's access-log line for one event, as a collector would tail it before anything reaches Kafka:
 *
 * <pre>
 * ts=2026-11-22T09:00:00.120Z type=click event=8f0c… impression=2b9e… campaign=c-001 ad=c-001-ad-2 user=u-17 country=KR device=mobile cost=250000
 * </pre>
 *
 * Fields are space-separated {@code key=value} pairs in any order; {@code impression} appears on clicks only.
 */
public final class AdLogFormat {

    private AdLogFormat() {
    }

    public static String format(AdEvent event) {
        StringBuilder line = new StringBuilder()
                .append("ts=").append(Instant.ofEpochMilli(event.timestamp()))
                .append(" type=").append(event.type().name().toLowerCase(java.util.Locale.ROOT))
                .append(" event=").append(event.eventId());
        if (event.impressionId() != null) {
            line.append(" impression=").append(event.impressionId());
        }
        return line.append(" campaign=").append(event.campaignId())
                .append(" ad=").append(event.adId())
                .append(" user=").append(event.userId())
                .append(" country=").append(event.country())
                .append(" device=").append(event.device())
                .append(" cost=").append(event.costMicros())
                .toString();
    }
}
