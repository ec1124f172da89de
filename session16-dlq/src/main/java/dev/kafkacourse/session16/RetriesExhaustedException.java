package dev.kafkacourse.session16;

/** Processing failed {@link #attempts()} times; the cause is the last failure. */
public final class RetriesExhaustedException extends RuntimeException {

    private final int attempts;

    public RetriesExhaustedException(int attempts, Throwable lastFailure) {
        super("Gave up after " + attempts + " attempt(s): " + lastFailure, lastFailure);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
