package dev.kafkacourse.session19;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a record carries on {@code ad-events-dlq}: why it was refused and where it came from, so it can be
 * inspected and replayed. Values are UTF-8 text. The record's key and value are the original bytes, unchanged.
 */
public final class DeadLetterHeaders {

    /** Why the record was refused, in words (e.g. "Not a valid AdEvent: ..."). */
    public static final String REASON = "dlq.reason";
    /** Class name of the exception behind the refusal, or "validation" when a rule refused it. */
    public static final String EXCEPTION = "dlq.exception";
    /** Topic, partition and offset of the original record. */
    public static final String TOPIC = "dlq.topic";
    public static final String PARTITION = "dlq.partition";
    public static final String OFFSET = "dlq.offset";

    private DeadLetterHeaders() {
    }

    static void add(Headers headers, String reason, String exception, String topic, int partition, long offset) {
        put(headers, REASON, reason);
        put(headers, EXCEPTION, exception);
        put(headers, TOPIC, topic);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
    }

    /** The value of {@code name}, or null when the record does not carry it. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
