package dev.kafkacourse.support.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The dead-letter format on its own: what is written is read back, and a missing header is refused by name. */
class DeadLettersTest {

    private static final Instant FAILED_AT = Instant.parse("2026-12-02T04:30:00Z");
    private static final Instant NOW = FAILED_AT;

    @Test
    void aDeadLetterIsReadBackAsWritten() {
        ConsumerRecord<String, byte[]> failed = consumed("ad-events", 2, 41, 1_000L, "c-007", "{broken",
                new RecordHeaders().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8))
                        .add(DeadLetters.REASON, "OLD".getBytes(StandardCharsets.UTF_8)));   // an earlier dead-lettering

        ProducerRecord<String, byte[]> letter = DeadLetters.deadLetter(DeadLetters.TOPIC, failed,
                new IllegalStateException("bad", new IllegalArgumentException("root")), FailureKind.MALFORMED_JSON, 2,
                "ad-stats", NOW);

        assertThat(letter.topic()).isEqualTo("ad-events-dlq");
        assertThat(letter.key()).isEqualTo("c-007");
        assertThat(letter.timestamp()).isEqualTo(NOW.toEpochMilli());
        for (String name : DeadLetters.HEADERS) {
            assertThat(letter.headers().headers(name)).as(name).hasSize(1);
        }
        DeadLetter read = DeadLetters.read(asConsumed(letter));
        assertThat(read.origin()).isEqualTo("ad-events-2@41");
        assertThat(read.originalTimestamp()).isEqualTo(1_000L);
        assertThat(read.key()).isEqualTo("c-007");
        assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo("{broken");
        assertThat(read.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(read.message()).isEqualTo("bad");
        assertThat(read.stackTrace()).startsWith(IllegalStateException.class.getName()).contains("\tat ")
                .contains("Caused by: " + IllegalArgumentException.class.getName() + ": root");
        assertThat(read.failedAt()).isEqualTo(NOW);
        assertThat(read.attempts()).isEqualTo(2);
        assertThat(read.consumerGroup()).isEqualTo("ad-stats");
        assertThat(read.reason()).isEqualTo(FailureKind.MALFORMED_JSON);
        assertThat(read.originalHeaders()).extracting(h -> h.key()).containsExactly("trace-id");
    }

    @Test
    void headersWrittenOntoAnyHeadersCarryTheGivenOriginAndANullKey() {
        RecordHeaders headers = new RecordHeaders();
        DeadLetters.writeHeaders(headers, new DeadLetters.Origin("ad-events", 1, 181, 5L, null),
                new IllegalArgumentException("record has no value"), FailureKind.SCHEMA_VIOLATION, 1, "app", NOW);

        assertThat(headers.lastHeader(DeadLetters.ORIGINAL_KEY).value()).isNull();
        assertThat(DeadLetters.text(headers, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("181");
        assertThat(DeadLetters.text(headers, DeadLetters.REASON)).isEqualTo("SCHEMA_VIOLATION");
        assertThat(headers.toArray()).extracting(h -> h.key()).containsExactlyElementsOf(DeadLetters.HEADERS);
    }

    @Test
    void aRecordMissingAHeaderIsRefusedNamingIt() {
        ProducerRecord<String, byte[]> letter = DeadLetters.deadLetter("dlq",
                consumed("ad-events", 0, 7, 1L, null, "x", new RecordHeaders()), new RuntimeException("boom"),
                FailureKind.PROCESSING_ERROR, 1, "g", NOW);
        letter.headers().remove(DeadLetters.CONSUMER_GROUP);

        assertThatThrownBy(() -> DeadLetters.read(asConsumed(letter)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DeadLetters.CONSUMER_GROUP)
                .hasMessageNotContaining(DeadLetters.ORIGINAL_OFFSET);
    }

    @Test
    void attemptsBelowOneAreRefused() {
        assertThatThrownBy(() -> DeadLetters.writeHeaders(new RecordHeaders(),
                new DeadLetters.Origin("t", 0, 0, 0, "k"), new RuntimeException(), FailureKind.PROCESSING_ERROR, 0,
                "g", NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempts");
    }

    private static ConsumerRecord<String, byte[]> consumed(String topic, int partition, long offset, long timestamp,
            String key, String value, Headers headers) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, key,
                value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0, record.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                record.key(), record.value(), record.headers(), Optional.empty());
    }
}
