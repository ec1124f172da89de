package dev.kafkacourse.session10.serde;

import dev.kafkacourse.session10.registry.RegistryUrls;
import java.util.HashMap;
import java.util.Map;

/**
 * Configs for Apicurio's Kafka serdes that make them write and read Confluent's wire format (magic byte 0, 4-byte
 * id that the Confluent-compatible API also knows), so their records interoperate with Confluent's serializers and
 * the course's own.
 */
public final class ApicurioSerdes {

    private ApicurioSerdes() {
    }

    /** For {@code AvroKafkaSerializer} / {@code AvroKafkaDeserializer}. */
    public static Map<String, Object> avro(RegistryUrls registry) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registry.apicurio());
        config.put("apicurio.registry.auto-register", true);
        // One self-contained schema per subject (the EventType enum inline, not a reference of its own), as
        // Confluent's serializer registers it.
        config.put("apicurio.registry.dereference-schema", true);
        return config;
    }

    /** The same, and Avro's generated classes instead of GenericRecord when reading. */
    public static Map<String, Object> avroSpecific(RegistryUrls registry) {
        Map<String, Object> config = avro(registry);
        config.put("apicurio.registry.use-specific-avro-reader", true);
        return config;
    }

    /**
     * For {@code ProtobufKafkaSerializer} / {@code ProtobufKafkaDeserializer} in Confluent's Protobuf layout:
     * after the id, the message indexes (which message of the .proto file) instead of Apicurio's type header.
     */
    public static Map<String, Object> protobuf(RegistryUrls registry, Class<?> messageClass) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registry.apicurio());
        config.put("apicurio.registry.auto-register", true);
        config.put("apicurio.registry.serde.send-type-ref", false);
        config.put("apicurio.registry.serde.send-indexes", true);
        config.put("apicurio.registry.serde.read-type-ref", false);
        config.put("apicurio.registry.serde.read-indexes", true);
        config.put("apicurio.registry.deserializer.value.return-class", messageClass.getName());
        return config;
    }
}
