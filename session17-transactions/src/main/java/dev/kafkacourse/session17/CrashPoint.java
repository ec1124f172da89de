package dev.kafkacourse.session17;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a job run stops dead, to show what a crash at that moment leaves behind. The job calls the action when it
 * reaches {@link #stage} of its {@link #transaction}-th transaction (counted from 1 in this run); the action never
 * returns normally: it blocks until the process is killed, or throws.
 *
 * @param stage       the moment within the transaction
 * @param transaction which transaction of this run, from 1
 * @param action      what happens there (e.g. print a line and wait for SIGKILL)
 */
public record CrashPoint(Stage stage, int transaction, Runnable action) {

    public enum Stage {
        /** Outputs sent and flushed to the broker (in the log, not committed), offsets not yet added. */
        AFTER_SEND,
        /** Outputs and input offsets are part of the open transaction; the commit has not been asked for. */
        AFTER_OFFSETS,
        /** The transaction is committed; the next one has not begun. */
        AFTER_COMMIT;

        /** "after-send" as typed on a command line. */
        public String argument() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CrashPoint {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(action, "action");
        if (transaction < 1) {
            throw new IllegalArgumentException("transaction counts from 1, was " + transaction);
        }
    }

    /** Parses "after-send:2" (stage:transaction). */
    public static CrashPoint parse(String text, Runnable action) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("A crash point looks like after-send:2 (stage:transaction), was "
                    + text);
        }
        Stage stage = Stage.valueOf(parts[0].trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        return new CrashPoint(stage, Integer.parseInt(parts[1].trim()), action);
    }

    public String argument() {
        return stage.argument() + ":" + transaction;
    }

    boolean at(Stage now, int transactionInRun) {
        return stage == now && transaction == transactionInRun;
    }
}
