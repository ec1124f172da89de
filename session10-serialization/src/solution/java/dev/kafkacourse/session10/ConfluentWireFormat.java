package dev.kafkacourse.session10;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
        return ByteBuffer.allocate(HEADER_SIZE + payload.length).put(MAGIC_BYTE).putInt(schemaId).put(payload)
                .array();
    }

    /**
     * Takes a framed value apart.
     *
     * @throws SerializationException when the value is too short or does not start with the magic byte, saying what
     *                                was found (a JSON or plain-Avro producer on the topic, or another registry's
     *                                framing)
     */
    public static Framed parse(byte[] value) {
        if (value == null || value.length < HEADER_SIZE) {
            throw new SerializationException("Not in Confluent wire format: " + (value == null ? "no value"
                    : value.length + " byte(s)") + ", but the header alone (magic byte + 4-byte schema id) is "
                    + HEADER_SIZE);
        }
        if (value[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x (expected 0x%02x): not written"
                    + " by a schema-registry serializer", value[0] & 0xff, MAGIC_BYTE));
        }
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        return new Framed(schemaId, Arrays.copyOfRange(value, HEADER_SIZE, value.length));
    }
}
