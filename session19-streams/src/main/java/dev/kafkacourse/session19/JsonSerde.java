package dev.kafkacourse.session19;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A Kafka {@link Serde} for a record type as JSON, with the same Jackson the course's {@code AdEventJson} uses. */
public final class JsonSerde {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : MAPPER.writeValueAsBytes(value),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return MAPPER.readValue(bytes, type);
                    } catch (JacksonException e) {
                        throw new SerializationException("Not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
                    }
                });
    }
}
