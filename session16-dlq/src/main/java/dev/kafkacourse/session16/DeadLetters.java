package dev.kafkacourse.session16;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The pipeline's dead-letter record format: what goes to {@code ad-events-dlq} when a record cannot be processed,
 * and how to read it back. Every consumer, the replay tool and the Streams topology use this one class, so a DLQ
 * record looks the same whoever wrote it.
 *
 * <p>The DLQ record keeps the failed record's <b>key and value byte for byte</b> (so it can be replayed as it
 * was) and its original headers, and adds these headers, all UTF-8 text so {@code kafka-console-consumer
 * --property print.headers=true} shows them as they are:
 *
 * <table>
 *   <caption>Dead-letter headers</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>{@value #ORIGINAL_TOPIC}</td><td>topic the record was read from</td></tr>
 *   <tr><td>{@value #ORIGINAL_PARTITION}</td><td>its partition, decimal</td></tr>
 *   <tr><td>{@value #ORIGINAL_OFFSET}</td><td>its offset, decimal: with topic and partition, the record's
 *       identity (replay and de-duplication rely on it)</td></tr>
 *   <tr><td>{@value #ORIGINAL_TIMESTAMP}</td><td>its record timestamp, epoch ms</td></tr>
 *   <tr><td>{@value #ORIGINAL_KEY}</td><td>its key as text; the header value is null when the key was null</td></tr>
 *   <tr><td>{@value #EXCEPTION_CLASS}</td><td>fully qualified class of the exception that made it fail</td></tr>
 *   <tr><td>{@value #EXCEPTION_MESSAGE}</td><td>the exception's message (at most {@value #MAX_MESSAGE} chars)</td></tr>
 *   <tr><td>{@value #EXCEPTION_STACKTRACE}</td><td>a short stack trace: the first {@value #STACK_FRAMES} frames
 *       and the causes' first lines</td></tr>
 *   <tr><td>{@value #FAILED_AT}</td><td>when it was dead-lettered, ISO-8601 instant (UTC)</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>how many times processing was tried, decimal (1 = never retried)</td></tr>
 *   <tr><td>{@value #CONSUMER_GROUP}</td><td>the consumer group that gave up on it</td></tr>
 *   <tr><td>{@value #REASON}</td><td>the {@link FailureKind}: why, in one word a dashboard can group by</td></tr>
 * </table>
 *
 * <p>For a record that came through {@link RetryTopics}, the original coordinates are those of the record as it
 * first arrived (its {@code retry.original.*} headers), not those of its last copy on a retry topic.
 *
 * <p>The DLQ record's timestamp is the failure time (not the original timestamp), so the DLQ's retention counts
 * from when the record failed.
 */
public final class DeadLetters {

    /** The pipeline's dead-letter topic. */
    public static final String TOPIC = "ad-events-dlq";

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "dlq.original.timestamp";
    public static final String ORIGINAL_KEY = "dlq.original.key";
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    public static final String EXCEPTION_MESSAGE = "dlq.exception.message";
    public static final String EXCEPTION_STACKTRACE = "dlq.exception.stacktrace";
    public static final String FAILED_AT = "dlq.failed.at";
    public static final String ATTEMPTS = "dlq.attempts";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    public static final String REASON = "dlq.reason";

    /** Every header a dead-letter record carries, in the order they are written. */
    public static final List<String> HEADERS = List.of(ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET,
            ORIGINAL_TIMESTAMP, ORIGINAL_KEY, EXCEPTION_CLASS, EXCEPTION_MESSAGE, EXCEPTION_STACKTRACE, FAILED_AT,
            ATTEMPTS, CONSUMER_GROUP, REASON);

    static final int STACK_FRAMES = 8;
    static final int MAX_MESSAGE = 1_000;
    private static final String PREFIX = "dlq.";

    private DeadLetters() {
    }

    /**
     * The dead-letter record for {@code failed}. The number of attempts is taken from {@code error} when it is a
     * {@link RetriesExhaustedException} (whose cause is then the error recorded), otherwise it is 1.
     */
    public static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, ConsumerRecord<String, byte[]> failed,
            Throwable error, String consumerGroup, Instant failedAt) {
        int attempts = error instanceof RetriesExhaustedException exhausted ? exhausted.attempts() : 1;
        Throwable cause = error instanceof RetriesExhaustedException && error.getCause() != null
                ? error.getCause() : error;
        return deadLetter(dlqTopic, failed, cause, attempts, consumerGroup, failedAt);
    }

    /** The dead-letter record for {@code failed}, tried {@code attempts} times, failing last with {@code error}. */
    public static ProducerRecord<String, byte[]> deadLetter(String dlqTopic, ConsumerRecord<String, byte[]> failed,
            Throwable error, int attempts, String consumerGroup, Instant failedAt) {
        Objects.requireNonNull(dlqTopic, "dlqTopic");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Headers headers = new RecordHeaders();
        for (Header header : failed.headers()) {
            if (!header.key().startsWith(PREFIX)) {      // a record failing a second time gets fresh dlq.* headers
                headers.add(header);
            }
        }
        // A record that came through retry topics names the record as it first arrived, not its last copy.
        Headers in = failed.headers();
        boolean retried = in.lastHeader(RetryTopics.ORIGINAL_TOPIC) != null;
        text(headers, ORIGINAL_TOPIC, retried ? text(in, RetryTopics.ORIGINAL_TOPIC) : failed.topic());
        text(headers, ORIGINAL_PARTITION, retried ? text(in, RetryTopics.ORIGINAL_PARTITION)
                : Integer.toString(failed.partition()));
        text(headers, ORIGINAL_OFFSET, retried ? text(in, RetryTopics.ORIGINAL_OFFSET) : Long.toString(failed.offset()));
        text(headers, ORIGINAL_TIMESTAMP, retried ? text(in, RetryTopics.ORIGINAL_TIMESTAMP)
                : Long.toString(failed.timestamp()));
        text(headers, ORIGINAL_KEY, failed.key());
        text(headers, EXCEPTION_CLASS, error.getClass().getName());
        text(headers, EXCEPTION_MESSAGE, truncate(String.valueOf(error.getMessage()), MAX_MESSAGE));
        text(headers, EXCEPTION_STACKTRACE, shortStack(error));
        text(headers, FAILED_AT, failedAt.toString());
        text(headers, ATTEMPTS, Integer.toString(attempts));
        text(headers, CONSUMER_GROUP, consumerGroup);
        text(headers, REASON, FailureKind.of(error).name());
        return new ProducerRecord<>(dlqTopic, null, failedAt.toEpochMilli(), failed.key(), failed.value(), headers);
    }

    /**
     * Reads a record of the DLQ back.
     *
     * @throws IllegalArgumentException naming the missing headers, if it is not a complete dead-letter record
     */
    public static DeadLetter read(ConsumerRecord<String, byte[]> dlqRecord) {
        List<String> missing = new ArrayList<>();
        for (String name : HEADERS) {
            if (dlqRecord.headers().lastHeader(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Not a complete dead-letter record (" + dlqRecord.topic() + "-"
                    + dlqRecord.partition() + "@" + dlqRecord.offset() + "): missing headers " + missing);
        }
        Headers h = dlqRecord.headers();
        List<Header> originalHeaders = new ArrayList<>();
        h.forEach(header -> {
            if (!header.key().startsWith(PREFIX)) {
                originalHeaders.add(header);
            }
        });
        return new DeadLetter(text(h, ORIGINAL_TOPIC), Integer.parseInt(text(h, ORIGINAL_PARTITION)),
                Long.parseLong(text(h, ORIGINAL_OFFSET)), Long.parseLong(text(h, ORIGINAL_TIMESTAMP)),
                text(h, ORIGINAL_KEY), text(h, EXCEPTION_CLASS), text(h, EXCEPTION_MESSAGE),
                text(h, EXCEPTION_STACKTRACE), Instant.parse(text(h, FAILED_AT)), Integer.parseInt(text(h, ATTEMPTS)),
                text(h, CONSUMER_GROUP), FailureKind.valueOf(text(h, REASON)), dlqRecord.value(),
                List.copyOf(originalHeaders), dlqRecord.partition(), dlqRecord.offset());
    }

    /** The value of header {@code name} as text, null when absent or null. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A stack trace short enough for a header: the exception's first {@value #STACK_FRAMES} frames and one line per
     * cause. The full trace of a deep Spring or Jackson call can be 20 KB, per record.
     */
    public static String shortStack(Throwable error) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        writer.println(error);
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
            writer.println("\tat " + frames[i]);
        }
        if (frames.length > STACK_FRAMES) {
            writer.println("\t... " + (frames.length - STACK_FRAMES) + " more");
        }
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            writer.println("Caused by: " + truncate(String.valueOf(cause), MAX_MESSAGE));
        }
        writer.flush();
        return out.toString();
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
