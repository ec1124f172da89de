package dev.kafkacourse.session10.serde;

import dev.kafkacourse.session10.ConfluentWireFormat;
import dev.kafkacourse.session10.registry.CcompatClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format (from Confluent's, Apicurio's or the course's serializer): takes the schema id from
 * the header, fetches the writer's schema from the registry by id (cached), and resolves it against the reader's
 * schema, which is how an old consumer reads new records and a new consumer old ones.
 *
 * <p>The reader schema is the one given, or a generated class's ({@link #specific}); without either, the
 * writer's own schema.
 */
public final class CourseAvroDeserializer<T> implements Deserializer<T> {

    /**
     * Generated classes are looked up in this module's class loader: Avro's shared {@code SpecificData} caches
     * classes by name for the whole JVM, which breaks where test classes are loaded more than once.
     */
    private static final SpecificData CLASSES = new SpecificData(CourseAvroDeserializer.class.getClassLoader());

    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
    private final Schema readerSchema;
    private final boolean specific;
    private CcompatClient registry;

    private CourseAvroDeserializer(CcompatClient registry, Schema readerSchema, boolean specific) {
        this.registry = registry;
        this.readerSchema = readerSchema;
        this.specific = specific;
    }

    /** GenericRecords in {@code readerSchema}'s shape (null: in each writer's own shape). */
    public static CourseAvroDeserializer<GenericRecord> generic(CcompatClient registry, Schema readerSchema) {
        return new CourseAvroDeserializer<>(registry, readerSchema, false);
    }

    /** Instances of the generated class whose schema is {@code readerSchema}. */
    public static <T> CourseAvroDeserializer<T> specific(CcompatClient registry, Schema readerSchema) {
        return new CourseAvroDeserializer<>(registry, readerSchema, true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(CourseAvroSerializer.REGISTRY_URL);
        if (url != null) {
            registry = new CcompatClient(url.toString());
        }
    }

    /**
     * @throws SerializationException when the value is not in the wire format, its schema id is unknown to the
     *                                registry, or its bytes do not match the writer's schema
     */
    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] value) {
        if (value == null) {
            return null;
        }
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.parse(value);
        Schema writer = writerSchema(framed.schemaId());
        Schema reader = readerSchema == null ? writer : readerSchema;
        DatumReader<Object> datumReader = specific
                ? new SpecificDatumReader<>(writer, reader, CLASSES)
                : new GenericDatumReader<>(writer, reader);
        try {
            return (T) datumReader.read(null, DecoderFactory.get().binaryDecoder(framed.payload(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Record with schema id " + framed.schemaId()
                    + " does not match its schema " + writer.getFullName() + ": " + e, e);
        }
    }

    private Schema writerSchema(int id) {
        return writerSchemas.computeIfAbsent(id, key -> {
            try {
                return new Schema.Parser().parse(registry.schemaById(key));
            } catch (CcompatClient.RegistryCallException e) {
                throw new UnknownSchemaIdException(key, e);
            }
        });
    }

    /** The registry does not know the id in the record's header (another registry's record, or a deleted schema). */
    public static final class UnknownSchemaIdException extends SerializationException {
        public UnknownSchemaIdException(int id, CcompatClient.RegistryCallException cause) {
            super("Unknown schema id " + id + ": the registry answered " + cause.getMessage(), cause);
        }
    }
}
