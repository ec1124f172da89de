package dev.kafkacourse.session11;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a bench sends.
 * <ul>
 *   <li>{@code json-bytes}: ad events as JSON, serialized before the timed loop (the producer sends byte arrays);</li>
 *   <li>{@code json-objects}: the same events as objects, serialized by the producer's value serializer inside
 *       {@code send()}, so the serialization cost is in the loop;</li>
 *   <li>{@code letters:N}: N random capital letters per record, the payload of Kafka's own
 *       {@code kafka-producer-perf-test} with {@code --record-size N}.</li>
 * </ul>
 */
public record Payload(Kind kind, int size) {

    public enum Kind { JSON_BYTES, JSON_OBJECTS, LETTERS }

    /** Distinct values cycled through: enough that compression sees realistic variety. */
    static final int POOL = 4_096;

    public static final Payload JSON_BYTES = new Payload(Kind.JSON_BYTES, 0);
    public static final Payload JSON_OBJECTS = new Payload(Kind.JSON_OBJECTS, 0);

    public static Payload letters(int size) {
        return new Payload(Kind.LETTERS, size);
    }

    String spec() {
        return switch (kind) {
            case JSON_BYTES -> "json-bytes";
            case JSON_OBJECTS -> "json-objects";
            case LETTERS -> "letters:" + size;
        };
    }

    static Payload parse(String spec) {
        if (spec.equals("json-bytes")) {
            return JSON_BYTES;
        }
        if (spec.equals("json-objects")) {
            return JSON_OBJECTS;
        }
        if (spec.startsWith("letters:")) {
            return letters(Integer.parseInt(spec.substring("letters:".length())));
        }
        throw new IllegalArgumentException("Unknown payload '" + spec + "': json-bytes, json-objects or letters:N");
    }

    /** A label for reports: "ad-event JSON (bytes)", "100 B letters". */
    public String describe() {
        return switch (kind) {
            case JSON_BYTES -> "ad-event JSON, pre-serialized";
            case JSON_OBJECTS -> "ad-event objects, JSON serializer in send()";
            case LETTERS -> size + " B random letters";
        };
    }

    /** Ad events for the pool, with event times near now (Kafka 4 rejects times an hour ahead). */
    static List<AdEvent> adEvents() {
        List<AdEvent> events = AdEventGenerator.builder().seed(1111).impressions(POOL).campaigns(50)
                .eventsPerSecond(50_000).build().generate().distinctEvents();
        return events.subList(0, Math.min(POOL, events.size()));
    }

    /** The byte values cycled through for {@code json-bytes} and {@code letters:N}. */
    byte[][] bytePool() {
        if (kind == Kind.LETTERS) {
            // As kafka-producer-perf-test does: each byte one of A..Z.
            SplittableRandom random = new SplittableRandom(11);
            byte[][] pool = new byte[POOL][size];
            for (byte[] value : pool) {
                for (int i = 0; i < value.length; i++) {
                    value[i] = (byte) (random.nextInt(26) + 65);
                }
            }
            return pool;
        }
        return adEvents().stream().map(AdEventJson::toBytes).toArray(byte[][]::new);
    }
}
