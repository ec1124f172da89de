package dev.kafkacourse.session16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: blocking retries. The delays are recorded by a {@link Sleeper} instead of waited out; the
 * end-to-end run against the broker (a sink that fails, dead letters with their attempt counts) is the lab's.
 */
class BlockingRetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recorder = slept::add;

    @Test
    void aTransientFailureIsRetriedWithExponentiallyGrowingDelaysUntilItPasses() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(100), 2, Duration.ofSeconds(10), 0, 1);

        BlockingRetry.run(policy, recorder, () -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new TransientSinkException("stats store timed out");
            }
        });

        assertThat(attempts).hasValue(4);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void delaysStopGrowingAtTheCapAndTheLastErrorIsReportedWithTheAttemptCount() {
        RetryPolicy policy = RetryPolicy.exponential(6, Duration.ofMillis(100), 3, Duration.ofMillis(1_000), 0, 1);
        TransientSinkException last = new TransientSinkException("still down");

        assertThatThrownBy(() -> BlockingRetry.run(policy, recorder, () -> {
            throw last;
        })).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(6);
            assertThat(e.getCause()).isSameAs(last);
        });
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(900),
                Duration.ofMillis(1_000), Duration.ofMillis(1_000));
    }

    @Test
    void aPoisonPillIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(100), 2, Duration.ofSeconds(10), 0.5, 1);

        assertThatThrownBy(() -> BlockingRetry.run(policy, recorder, () -> {
            attempts.incrementAndGet();
            throw new SerializationException("Not a valid AdEvent");
        })).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(attempts).as("attempts at a deserialization error").hasValue(1);
        assertThat(slept).isEmpty();

        assertThatThrownBy(() -> BlockingRetry.run(policy, recorder, () -> {
            attempts.incrementAndGet();
            throw new InvalidEventException(FailureKind.BUSINESS_RULE, "unknown campaign c-404");
        })).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(attempts).as("attempts at a business-rule failure").hasValue(2);
    }

    @Test
    void jitterSpreadsTheDelaysBelowTheNominalOne() throws Exception {
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1_000), 2, Duration.ofSeconds(10), 0.5,
                new SplittableRandom(7), RetryClassifier::isRetryable);
        for (int consumer = 0; consumer < 100; consumer++) {
            AtomicInteger attempts = new AtomicInteger();
            BlockingRetry.run(policy, recorder, () -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new TransientSinkException("timeout");
                }
            });
        }
        assertThat(slept).hasSize(100).allSatisfy(delay -> assertThat(delay.toMillis()).isBetween(500L, 1_000L));
        Set<Duration> distinct = new HashSet<>(slept);
        assertThat(distinct).as("distinct delays of 100 consumers retrying together").hasSizeGreaterThan(50);
    }

    @Test
    void anInterruptStopsRetryingAtOnce() {
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(100), 2, Duration.ofSeconds(10), 0, 1);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> BlockingRetry.run(policy, duration -> {
            throw new InterruptedException("shutting down");
        }, () -> {
            attempts.incrementAndGet();
            throw new TransientSinkException("timeout");
        })).isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(1);
    }
}
