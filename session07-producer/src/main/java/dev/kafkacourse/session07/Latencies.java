package dev.kafkacourse.session07;

import java.util.Arrays;

/** Collects per-send latencies (from any thread) and summarizes them for the labs' printouts. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    /** The {@code p}-th percentile (0–100) in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return sorted[index] / 1_000_000.0;
    }

    /** e.g. {@code p50 0.8 ms, p99 4.1 ms, max 12.3 ms}. */
    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentileMillis(50), percentileMillis(99),
                percentileMillis(100));
    }

    /** Events per second for {@code events} in {@code elapsedNanos}. */
    static double perSecond(long events, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : events * 1_000_000_000.0 / elapsedNanos;
    }
}
