package dev.kafkacourse.session10.serde;

import dev.kafkacourse.session10.ConfluentWireFormat;
import dev.kafkacourse.session10.registry.CcompatClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The course's own Avro serializer in Confluent's wire format, over the Confluent-compatible REST API only. It
 * registers the record's schema under {@code <topic>-value} (Confluent's TopicNameStrategy, which is also where
 * Apicurio's TopicIdStrategy puts it), caches the id, and writes magic byte + id + Avro binary. Confluent's
 * {@code KafkaAvroDeserializer} and Apicurio's {@code AvroKafkaDeserializer} read what it writes.
 *
 * <p>Config keys are Confluent's: {@value #REGISTRY_URL}, {@value #AUTO_REGISTER}.
 */
public final class CourseAvroSerializer<T extends GenericContainer> implements Serializer<T> {

    public static final String REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";

    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();
    private CcompatClient registry;
    private boolean isKey;

    public CourseAvroSerializer() {
    }

    public CourseAvroSerializer(CcompatClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object url = configs.get(REGISTRY_URL);
        if (url == null && registry == null) {
            throw new org.apache.kafka.common.config.ConfigException(REGISTRY_URL, null,
                    "set " + REGISTRY_URL + " to the registry's Confluent-compatible URL, e.g. "
                            + "http://localhost:8081/apis/ccompat/v7 (Apicurio) or http://localhost:8081 (Confluent)");
        }
        if (url != null) {
            registry = new CcompatClient(url.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        int id = ids.computeIfAbsent(schema, s -> registry.register(subject(topic), "AVRO", s.toString()));
        return ConfluentWireFormat.frame(id, encode(schema, record));
    }

    String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] encode(Schema schema, Object record) {
        DatumWriter writer = record instanceof SpecificRecord
                ? new SpecificDatumWriter<>(schema, new SpecificData(record.getClass().getClassLoader()))
                : new GenericDatumWriter<>(schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Record does not match its schema " + schema.getFullName() + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
