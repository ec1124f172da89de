package dev.kafkacourse.session11;

import java.util.List;
import java.util.Optional;

/**
 * Exercise (stretch): choose, from a measured tuning matrix, the settings that meet a throughput and latency target.
 */
public final class SettingsChooser {

    private SettingsChooser() {
    }

    /**
     * The measurement that meets {@code target} (records/s at least the minimum, p99 latency at most the maximum,
     * {@code acks=all} when the target is durable) with the most records/s; on a tie, the lower p99. Empty when
     * none meets it.
     */
    public static Optional<Measurement> choose(List<Measurement> matrix, TuningTarget target) {
        throw new UnsupportedOperationException("TODO: keep the measurements that meet the target, return the one "
                + "with the most records/s");
    }
}
