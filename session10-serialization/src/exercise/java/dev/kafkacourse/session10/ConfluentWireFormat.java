package dev.kafkacourse.session10;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format, which Confluent's serializers, Apicurio's (by default) and the course's own write: one
 * magic byte 0, the schema id as a 4-byte big-endian int, then the encoded payload (Avro binary; for Protobuf a
 * list of message indexes comes first).
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** A framed value taken apart: the schema id and the payload after the 5-byte header. */
    public record Framed(int schemaId, byte[] payload) {
    }

    /** {@code payload} framed for schema {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] payload) {
        throw new UnsupportedOperationException("TODO: magic byte, the schema id as 4 bytes, then the payload");
    }

    /**
     * Takes a framed value apart.
     *
     * @throws SerializationException when the value is too short or does not start with the magic byte, saying what
     *                                was found
     */
    public static Framed parse(byte[] value) {
        throw new UnsupportedOperationException("TODO: check the length and the magic byte, read the id, return the rest");
    }
}
