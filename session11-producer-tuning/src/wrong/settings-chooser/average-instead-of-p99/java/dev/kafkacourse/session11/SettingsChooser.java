// Known-wrong answer: compares the average latency with the p99 target: a cell with rare slow acknowledgements passes
package dev.kafkacourse.session11;

import java.util.Comparator;
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
        return matrix.stream()
                .filter(m -> m.recordsPerSecond() >= target.minRecordsPerSecond())
                .filter(m -> m.avgLatencyMs() <= target.maxP99LatencyMs())
                .filter(m -> !target.durable() || m.point().acks().equals("all"))
                .max(Comparator.comparingDouble(Measurement::recordsPerSecond)
                        .thenComparing(Comparator.comparingDouble(Measurement::p99LatencyMs).reversed()));
    }
}
