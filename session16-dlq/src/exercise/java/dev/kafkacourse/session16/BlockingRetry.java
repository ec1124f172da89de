package dev.kafkacourse.session16;

/**
 * Exercise 2: blocking retries with exponential backoff and jitter. Only errors the policy calls retryable are
 * tried again; a poison pill fails on its first attempt.
 */
public final class BlockingRetry {

    private BlockingRetry() {
    }

    /**
     * Runs {@code action} until it succeeds, at most {@code policy.maxAttempts()} times in all.
     *
     * <ul>
     *   <li>An error {@code policy.retryable()} rejects is not retried.</li>
     *   <li>Between attempts, wait with {@code sleeper} (never {@code Thread.sleep} directly) for the delay
     *       described in {@link RetryPolicy}: exponential, capped at {@code maxDelay}, with random jitter from
     *       {@code policy.random()}.</li>
     *   <li>When it gives up, throw {@link RetriesExhaustedException} with the number of attempts made and the
     *       last error as the cause. An {@link InterruptedException} is passed through as it is.</li>
     * </ul>
     */
    public static void run(RetryPolicy policy, Sleeper sleeper, RetryableAction action) throws InterruptedException {
        // TODO: attempt, classify, back off (exponential, capped, jittered), give up with the attempt count.
        throw new UnsupportedOperationException("TODO session16 exercise 2: implement BlockingRetry.run");
    }
}
