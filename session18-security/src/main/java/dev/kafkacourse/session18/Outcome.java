package dev.kafkacourse.session18;

import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.ApiException;

/**
 * What happened when a principal tried something: allowed, or the Kafka error that refused it.
 *
 * @param allowed whether the call succeeded
 * @param error   the refusing exception (unwrapped from futures and producer state errors), null when allowed
 */
public record Outcome(boolean allowed, Throwable error) {

    public static final Outcome ALLOWED = new Outcome(true, null);

    /** Runs {@code call} and records how it ended. */
    public static Outcome of(Callable<?> call) {
        try {
            call.call();
            return ALLOWED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, e);
        } catch (Exception e) {
            return new Outcome(false, unwrap(e));
        }
    }

    /**
     * Futures wrap the broker's answer in ExecutionException, and a transactional producer in an error state wraps
     * the error that put it there: the first Kafka API error in the chain is what the broker said.
     */
    static Throwable unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException) {
                return t;
            }
        }
        // Not an answer from the broker (e.g. a client that could not be built): the root cause says why.
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The simple name of the refusing exception, or "" when allowed. */
    public String errorName() {
        return allowed ? "" : error.getClass().getSimpleName();
    }

    public boolean deniedWith(Class<? extends Throwable> type) {
        return !allowed && type.isInstance(error);
    }

    /** For tables: "allowed" or the exception's simple name. */
    public String label() {
        return allowed ? "allowed" : errorName();
    }

    @Override
    public String toString() {
        return allowed ? "allowed" : errorName() + ": " + error.getMessage();
    }
}
