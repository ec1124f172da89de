package dev.kafkacourse.support.domain;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@link AdEvent} as JSON on the wire: the pipeline's format until session 10 compares Avro and Protobuf. */
public final class AdEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private AdEventJson() {
    }

    public static byte[] toBytes(AdEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String toJson(AdEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /** Parses one event; a malformed one throws {@link SerializationException} saying what is wrong. */
    public static AdEvent fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, AdEvent.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Not a valid AdEvent: " + e.getMessage(), e);
        }
    }

    public static Serializer<AdEvent> serializer() {
        return (topic, event) -> event == null ? null : toBytes(event);
    }

    public static Deserializer<AdEvent> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }

    public static Serde<AdEvent> serde() {
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer(), deserializer());
    }
}
