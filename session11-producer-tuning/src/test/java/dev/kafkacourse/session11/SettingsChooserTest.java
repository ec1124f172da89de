package dev.kafkacourse.session11;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exercise (stretch): {@link SettingsChooser} on a matrix shaped like the bench's: the fastest cell runs with
 * acks=1, one fast cell has a fine average but a long p99 tail, and the first cell meeting the target is not the
 * fastest one.
 */
class SettingsChooserTest {

    private static final Measurement SLOW = measurement(0, 16, "none", "all", 80_000, 3, 8);
    private static final Measurement ACKS_ONE = measurement(20, 128, "lz4", "1", 260_000, 10, 30);
    private static final Measurement MODEST = measurement(5, 128, "lz4", "all", 150_000, 6, 20);
    private static final Measurement SAME_RATE_LONGER_TAIL = measurement(20, 128, "snappy", "all", 210_000, 13, 45);
    private static final Measurement TUNED = measurement(20, 128, "zstd", "all", 210_000, 12, 40);
    private static final Measurement LONG_TAIL = measurement(100, 1024, "zstd", "all", 240_000, 20, 180);
    private static final List<Measurement> MATRIX = List.of(SLOW, ACKS_ONE, MODEST, SAME_RATE_LONGER_TAIL, TUNED,
            LONG_TAIL);

    @Test
    void choosesTheFastestDurableCellWithinTheP99Target() {
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(100_000, 50, true))).contains(TUNED);
    }

    @Test
    void withoutDurabilityAcksOneMayWin() {
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(100_000, 50, false))).contains(ACKS_ONE);
    }

    @Test
    void theP99NotTheAverageDecidesTheLatency() {
        // LONG_TAIL's average (20 ms) is far inside 100 ms; its p99 (180 ms) is not.
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(200_000, 100, true))).contains(TUNED);
    }

    @Test
    void bothBoundsAreInclusive() {
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(210_000, 40, true))).contains(TUNED);
    }

    @Test
    void nothingWhenNoCellMeetsTheTarget() {
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(300_000, 50, false))).isEmpty();
        assertThat(SettingsChooser.choose(MATRIX, new TuningTarget(50_000, 5, true))).isEqualTo(Optional.empty());
    }

    private static Measurement measurement(int linger, int batchKiB, String compression, String acks,
            double recordsPerSecond, double avgMs, double p99Ms) {
        return new Measurement(new MatrixPoint(linger, batchKiB * 1024, compression, acks), recordsPerSecond, avgMs,
                p99Ms);
    }
}
