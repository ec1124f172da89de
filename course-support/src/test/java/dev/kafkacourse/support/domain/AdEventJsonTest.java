package dev.kafkacourse.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AdEventJsonTest {

    private final AdEvent click = new AdEvent(UUID.randomUUID(), EventType.CLICK, UUID.randomUUID(), "c-001",
            "c-001-ad-1", "u-7", 1_763_800_000_000L, "KR", "mobile", 250_000);

    @Test
    void roundTripsThroughJson() {
        assertThat(AdEventJson.fromBytes(AdEventJson.toBytes(click))).isEqualTo(click);
        assertThat(AdEventJson.serde().deserializer().deserialize("t", AdEventJson.serde().serializer().serialize("t", click)))
                .isEqualTo(click);
        assertThat(AdEventJson.toJson(click)).contains("\"type\":\"CLICK\"", "\"campaignId\":\"c-001\"");
    }

    @Test
    void rejectsEventsThatBreakTheModelsRules() {
        String noImpression = AdEventJson.toJson(click).replace("\"impressionId\":\"" + click.impressionId() + "\"",
                "\"impressionId\":null");
        assertThatThrownBy(() -> AdEventJson.fromBytes(noImpression.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("impressionId");
        assertThatThrownBy(() -> AdEventJson.fromBytes("{\"type\":\"CLICK\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void nullStaysNullForTombstones() {
        assertThat(AdEventJson.serializer().serialize("t", null)).isNull();
        assertThat(AdEventJson.deserializer().deserialize("t", null)).isNull();
    }
}
