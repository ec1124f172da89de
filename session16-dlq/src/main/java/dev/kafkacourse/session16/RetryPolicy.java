package dev.kafkacourse.session16;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * How a blocking retry behaves: exponential backoff with jitter, a cap, a budget of attempts, and which errors are
 * worth retrying at all.
 *
 * <p>The nominal delay before retry {@code n} (n = 1 after the first failed attempt) is
 * {@code min(maxDelay, initialDelay × multiplier^(n-1))}; jitter then picks the actual delay at random in
 * {@code [nominal × (1 - jitter), nominal]}, so consumers that failed together do not all retry together.
 *
 * @param maxAttempts  attempts in all, the first one included (1 = no retries)
 * @param initialDelay delay before the first retry
 * @param multiplier   growth per retry (2 = doubling)
 * @param maxDelay     cap on any single delay
 * @param jitter       0 = none, 0.5 = up to half the nominal delay taken off at random, 1 = "full jitter"
 * @param random       source of the jitter
 * @param retryable    which errors to retry; the others fail at once
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
        double jitter, RandomGenerator random, Predicate<Throwable> retryable) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(retryable, "retryable");
    }

    /** Exponential backoff with jitter, retrying what {@link RetryClassifier} calls retryable. */
    public static RetryPolicy exponential(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
            double jitter, long seed) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, new SplittableRandom(seed),
                RetryClassifier::isRetryable);
    }
}
