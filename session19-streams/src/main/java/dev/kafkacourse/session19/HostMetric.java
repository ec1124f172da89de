package dev.kafkacourse.session19;

import org.apache.kafka.common.serialization.Serde;

/**
 * One sample of a server metric (the book's server-metrics pipeline): topic {@code host-metrics}, key = host.
 *
 * @param host      the server
 * @param metric    e.g. cpu, memory (percent)
 * @param value     the sample
 * @param timestamp when it was measured, epoch ms (event time)
 */
public record HostMetric(String host, String metric, double value, long timestamp) {

    public static final Serde<HostMetric> SERDE = JsonSerde.of(HostMetric.class);

    /** The key per host and metric, e.g. {@code web-1/cpu}. */
    public String hostMetric() {
        return host + "/" + metric;
    }
}
