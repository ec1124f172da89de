package dev.kafkacourse.session16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter format on its own: what is written is read back, and a record missing a header is refused by
 * name. The broker-side view (the DLQ of a real run) is in the lab and exercise tests.
 */
class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T04:00:00Z");

    @Test
    void whatIsWrittenIsReadBackWithEveryHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> failed = record("ad-events", 2, 41, "c-007", "{broken", headers);
        ProducerRecord<String, byte[]> letter = DeadLetters.deadLetter(DeadLetters.TOPIC, failed,
                new RetriesExhaustedException(4, new TransientSinkException("store timed out")), "ad-stats", NOW);

        assertThat(letter.topic()).isEqualTo("ad-events-dlq");
        assertThat(letter.timestamp()).isEqualTo(NOW.toEpochMilli());
        DeadLetter read = DeadLetters.read(asConsumed(letter));
        assertThat(read.origin()).isEqualTo("ad-events-2@41");
        assertThat(read.originalTimestamp()).isEqualTo(1_000L);
        assertThat(read.key()).isEqualTo("c-007");
        assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo("{broken");
        assertThat(read.attempts()).isEqualTo(4);
        assertThat(read.exceptionClass()).isEqualTo(TransientSinkException.class.getName());
        assertThat(read.message()).isEqualTo("store timed out");
        assertThat(read.stackTrace()).startsWith(TransientSinkException.class.getName()).contains("\tat ");
        assertThat(read.failedAt()).isEqualTo(NOW);
        assertThat(read.consumerGroup()).isEqualTo("ad-stats");
        assertThat(read.reason()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
        assertThat(read.originalHeaders()).extracting(h -> h.key()).containsExactly("trace-id");
    }

    @Test
    void aRecordWithoutTheOriginalOffsetIsNotADeadLetter() {
        ProducerRecord<String, byte[]> letter = DeadLetters.deadLetter("dlq",
                record("ad-events", 0, 7, null, "x", new RecordHeaders()),
                new InvalidEventException(FailureKind.MALFORMED_JSON, "not JSON"), "g", NOW);
        letter.headers().remove(DeadLetters.ORIGINAL_OFFSET);

        assertThatThrownBy(() -> DeadLetters.read(asConsumed(letter)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(DeadLetters.ORIGINAL_OFFSET);
    }

    @Test
    void aRetriedRecordNamesWhereItFirstArrivedAndTheDeadLetterHeadersAreNotStacked() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RetryTopics.ORIGINAL_TOPIC, "ad-events".getBytes(StandardCharsets.UTF_8));
        headers.add(RetryTopics.ORIGINAL_PARTITION, "1".getBytes(StandardCharsets.UTF_8));
        headers.add(RetryTopics.ORIGINAL_OFFSET, "181".getBytes(StandardCharsets.UTF_8));
        headers.add(RetryTopics.ORIGINAL_TIMESTAMP, "5".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON, "OLD".getBytes(StandardCharsets.UTF_8));   // from an earlier dead-lettering
        ConsumerRecord<String, byte[]> copy = record("ad-events-retry-1s", 0, 3, "c-004", "{}", headers);

        DeadLetter read = DeadLetters.read(asConsumed(DeadLetters.deadLetter("dlq", copy,
                new TransientSinkException("down"), 3, "g", NOW)));

        assertThat(read.origin()).isEqualTo("ad-events-1@181");
        assertThat(read.originalTimestamp()).isEqualTo(5L);
        assertThat(asConsumed(DeadLetters.deadLetter("dlq", copy, new TransientSinkException("down"), 3, "g", NOW))
                .headers().headers(DeadLetters.REASON)).hasSize(1);
    }

    @Test
    void theValidatorTellsTheKindsOfPoisonPillApart() {
        AdEventValidator validator = new AdEventValidator(Set.of("c-001"));
        AdEvent event = new AdEvent(UUID.randomUUID(), EventType.IMPRESSION, null, "c-001", "c-001-ad-1", "u-1",
                NOW.toEpochMilli(), "KR", "mobile", 1_000);
        String json = AdEventJson.toJson(event);

        assertThat(validator.validate(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
        assertThat(kind(validator, json.substring(0, 20))).contains(FailureKind.MALFORMED_JSON);
        assertThat(kind(validator, "impression,c-001,1")).contains(FailureKind.MALFORMED_JSON);
        assertThat(kind(validator, json.replace("\"campaignId\":\"c-001\",", ""))).contains(FailureKind.SCHEMA_VIOLATION);
        assertThat(kind(validator, json.replace("IMPRESSION", "VIEW"))).contains(FailureKind.SCHEMA_VIOLATION);
        assertThat(kind(validator, json.replace("\"costMicros\":1000", "\"costMicros\":-1"))).contains(FailureKind.BUSINESS_RULE);
        assertThat(kind(validator, json.replace("c-001", "c-404"))).contains(FailureKind.BUSINESS_RULE);
        assertThat(RetryClassifier.isRetryable(new InvalidEventException(FailureKind.BUSINESS_RULE, "x"))).isFalse();
        assertThat(RetryClassifier.isRetryable(new RuntimeException(new TransientSinkException("t")))).isTrue();
        assertThat(RetryClassifier.isRetryable(new IllegalStateException("bug"))).isFalse();
    }

    private static Optional<FailureKind> kind(AdEventValidator validator, String value) {
        try {
            validator.validate(value.getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (InvalidEventException e) {
            return Optional.of(e.kind());
        }
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String key,
            String value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, partition, offset, 1_000L, TimestampType.CREATE_TIME, 0, 0, key,
                value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> letter) {
        return new ConsumerRecord<>(letter.topic(), 0, 0, letter.timestamp(), TimestampType.CREATE_TIME, 0, 0,
                letter.key(), letter.value(), letter.headers(), Optional.empty());
    }
}
