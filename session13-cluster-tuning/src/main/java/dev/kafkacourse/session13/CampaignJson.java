package dev.kafkacourse.session13;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Campaign} as JSON on the {@code campaigns} topic. A null campaign is written as a null value, which is
 * what a tombstone is: the serializer and deserializer pass null through instead of writing {@code "null"}, or the
 * log cleaner would keep the record as an ordinary value and the campaign would never be deleted.
 */
public final class CampaignJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CampaignJson() {
    }

    public static byte[] toBytes(Campaign campaign) {
        return MAPPER.writeValueAsBytes(campaign);
    }

    public static String toJson(Campaign campaign) {
        return MAPPER.writeValueAsString(campaign);
    }

    /** Parses one campaign; a malformed one throws {@link SerializationException} saying what is wrong. */
    public static Campaign fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Campaign.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Not a valid Campaign: " + e.getMessage() + " in '"
                    + new String(bytes, StandardCharsets.UTF_8) + "'", e);
        }
    }

    /** Writes a campaign as JSON and null (a tombstone) as a null value. */
    public static Serializer<Campaign> serializer() {
        return (topic, campaign) -> campaign == null ? null : toBytes(campaign);
    }

    /** Reads a null value (a tombstone) as null. */
    public static Deserializer<Campaign> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static Serde<Campaign> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }
}
