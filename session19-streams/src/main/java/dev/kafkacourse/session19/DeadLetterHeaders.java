package dev.kafkacourse.session19;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers a record carries on {@code ad-events-dlq}: why it was refused and where it came from, so it can be
 * inspected and replayed. The names and values are the pipeline's dead-letter format (the one session 16's
 * consumers write), so one reader handles DLQ records whoever wrote them. Values are UTF-8 text; the record's key
 * and value are the original bytes, unchanged.
 */
public final class DeadLetterHeaders {

    /** Why, in one word a dashboard can group by: one of {@link Reason}. */
    public static final String REASON = "dlq.reason";
    /** Fully qualified class of the exception behind the refusal. */
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    /** The exception's message: what exactly is wrong with the record. */
    public static final String EXCEPTION_MESSAGE = "dlq.exception.message";
    /** A short stack trace: the first frames and the causes' first lines. */
    public static final String EXCEPTION_STACKTRACE = "dlq.exception.stacktrace";
    /** Topic, partition, offset, record timestamp and key (as text) of the original record. */
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "dlq.original.timestamp";
    public static final String ORIGINAL_KEY = "dlq.original.key";
    /** When it was dead-lettered, ISO-8601 instant (UTC); also the DLQ record's timestamp. */
    public static final String FAILED_AT = "dlq.failed.at";
    /** How many times processing was tried: always 1 here, a refused record is never retried. */
    public static final String ATTEMPTS = "dlq.attempts";
    /** Who gave up on it: the Streams application.id (its consumer group). */
    public static final String CONSUMER_GROUP = "dlq.consumer.group";

    private static final int STACK_FRAMES = 8;
    private static final int MAX_MESSAGE = 1_000;

    /** The values of {@link #REASON}. */
    public enum Reason {
        /** Not JSON at all (truncated, CSV, binary). */
        MALFORMED_JSON,
        /** JSON, but not a valid ad event (a field missing, an unknown type), or no value at all. */
        SCHEMA_VIOLATION,
        /** A well-formed event a rule refuses (negative cost, keyed by another campaign). */
        BUSINESS_RULE
    }

    private DeadLetterHeaders() {
    }

    /** Where the refused record came from and when it failed. */
    record Origin(String topic, int partition, long offset, long timestamp, String key, String consumerGroup,
            Instant failedAt) {
    }

    static void add(Headers headers, Reason reason, Throwable error, Origin origin) {
        put(headers, ORIGINAL_TOPIC, origin.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(origin.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(origin.offset()));
        put(headers, ORIGINAL_TIMESTAMP, Long.toString(origin.timestamp()));
        put(headers, ORIGINAL_KEY, origin.key());
        put(headers, EXCEPTION_CLASS, error.getClass().getName());
        put(headers, EXCEPTION_MESSAGE, truncate(String.valueOf(error.getMessage())));
        put(headers, EXCEPTION_STACKTRACE, shortStack(error));
        put(headers, FAILED_AT, origin.failedAt().toString());
        put(headers, ATTEMPTS, "1");
        put(headers, CONSUMER_GROUP, origin.consumerGroup());
        put(headers, REASON, reason.name());
    }

    /** The value of {@code name}, or null when the record does not carry it. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static String shortStack(Throwable error) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        writer.println(error);
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
            writer.println("\tat " + frames[i]);
        }
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            writer.println("Caused by: " + truncate(String.valueOf(cause)));
        }
        writer.flush();
        return out.toString();
    }
}
