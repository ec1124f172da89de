package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.time.Instant;
import java.util.UUID;

/** Hand-made events for driver tests, where one event at one exact time is the point. */
final class TestEvents {

    /** A fixed minute far from any window edge of the wall clock: 2026-03-01T10:00:00Z. */
    static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    private TestEvents() {
    }

    static AdEvent impression(String campaign, long timestamp) {
        return new AdEvent(UUID.randomUUID(), EventType.IMPRESSION, null, campaign, campaign + "-ad-1", "u-1",
                timestamp, "KR", "mobile", 2_000);
    }

    static AdEvent click(String campaign, long timestamp) {
        return new AdEvent(UUID.randomUUID(), EventType.CLICK, UUID.randomUUID(), campaign, campaign + "-ad-1", "u-1",
                timestamp, "KR", "mobile", 300_000);
    }

    static long at(int minute, int second) {
        return T0 + minute * 60_000L + second * 1_000L;
    }
}
