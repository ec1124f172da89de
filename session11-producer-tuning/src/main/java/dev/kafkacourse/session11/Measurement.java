package dev.kafkacourse.session11;

/**
 * One measured cell of the tuning matrix, as the bench reports it.
 *
 * @param point the settings
 * @param recordsPerSecond throughput
 * @param avgLatencyMs average acknowledgement latency
 * @param p99LatencyMs 99th percentile acknowledgement latency
 */
public record Measurement(MatrixPoint point, double recordsPerSecond, double avgLatencyMs, double p99LatencyMs) {

    static Measurement of(MatrixPoint point, CellResult result) {
        return new Measurement(point, result.recordsPerSecond(), result.avgLatencyMs(), result.p99LatencyMs());
    }
}
