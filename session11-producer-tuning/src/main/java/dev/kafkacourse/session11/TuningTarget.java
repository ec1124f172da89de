package dev.kafkacourse.session11;

/**
 * What the ad pipeline asks of its producer.
 *
 * @param minRecordsPerSecond the throughput the settings must reach
 * @param maxP99LatencyMs the 99th percentile acknowledgement latency they must stay within
 * @param durable whether an acknowledged record must survive a leader failure
 */
public record TuningTarget(double minRecordsPerSecond, double maxP99LatencyMs, boolean durable) {
}
