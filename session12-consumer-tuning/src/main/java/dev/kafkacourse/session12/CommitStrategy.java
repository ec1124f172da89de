package dev.kafkacourse.session12;

/** When a consumer tells the group "done up to here", relative to the work it does with the records. */
public enum CommitStrategy {
    /** {@code enable.auto.commit=true}: the client commits, inside {@code poll}, the positions of earlier polls. */
    AUTO_COMMIT("auto-commit", true, false),
    /**
     * Auto-commit with the records handed to a worker thread: {@code poll} keeps returning (and auto-committing)
     * while the worker is still behind.
     */
    AUTO_COMMIT_HANDOFF("auto-commit + hand-off to a worker", true, false),
    /** {@code commitSync} right after {@code poll}, then the work: at most once. */
    COMMIT_BEFORE_PROCESS("commit before process", false, false),
    /** The work, then {@code commitSync}: at least once. */
    COMMIT_AFTER_PROCESS("commit after process", false, false),
    /** Commit after process into a sink that ignores an event it already has (keyed by eventId). */
    IDEMPOTENT_SINK("commit after process + idempotent sink", false, true);

    private final String label;
    private final boolean autoCommit;
    private final boolean idempotentSink;

    CommitStrategy(String label, boolean autoCommit, boolean idempotentSink) {
        this.label = label;
        this.autoCommit = autoCommit;
        this.idempotentSink = idempotentSink;
    }

    public String label() {
        return label;
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    public boolean idempotentSink() {
        return idempotentSink;
    }
}
