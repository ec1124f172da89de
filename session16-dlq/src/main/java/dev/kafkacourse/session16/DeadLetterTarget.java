package dev.kafkacourse.session16;

import java.time.Clock;
import java.util.Objects;

/**
 * Where a consumer's poison pills go and who it is: the DLQ topic, the consumer group written into every dead
 * letter, and the clock for {@value DeadLetters#FAILED_AT}.
 */
public record DeadLetterTarget(String topic, String consumerGroup, Clock clock) {

    public DeadLetterTarget {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(clock, "clock");
    }

    public DeadLetterTarget(String topic, String consumerGroup) {
        this(topic, consumerGroup, Clock.systemUTC());
    }
}
