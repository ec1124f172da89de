// Known-wrong answer: leaves the jitter out: consumers that failed together all retry at the same moment and hit the recovering sink together
package dev.kafkacourse.session16;

import java.time.Duration;

/**
 * Exercise 2: blocking retries with exponential backoff and jitter. Only errors the policy calls retryable are
 * tried again; a poison pill fails on its first attempt.
 */
public final class BlockingRetry {

    private BlockingRetry() {
    }

    public static void run(RetryPolicy policy, Sleeper sleeper, RetryableAction action) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!policy.retryable().test(e) || attempt >= policy.maxAttempts()) {
                    throw new RetriesExhaustedException(attempt, e);
                }
                sleeper.sleep(delayBeforeRetry(policy, attempt));
            }
        }
    }

    /** The delay before retry {@code retry} (1 = the first retry): capped exponential, minus random jitter. */
    static Duration delayBeforeRetry(RetryPolicy policy, int retry) {
        double nominal = Math.min(policy.maxDelay().toMillis(),
                policy.initialDelay().toMillis() * Math.pow(policy.multiplier(), retry - 1));
        double jittered = nominal;
        return Duration.ofMillis(Math.round(jittered));
    }
}
