package dev.kafkacourse.session19;

import org.apache.kafka.common.serialization.Serde;

/**
 * The average of one host's metric over one window: topic {@code host-metrics-avg-1m}, key = host/metric.
 *
 * @param host        the server
 * @param metric      the metric
 * @param windowStart start of the window, epoch ms
 * @param samples     how many samples fell in the window
 * @param average     their mean
 */
public record MetricAverage(String host, String metric, long windowStart, long samples, double average) {

    public static final Serde<MetricAverage> SERDE = JsonSerde.of(MetricAverage.class);

    /** Sum and count while a window is open: the mean of means would be wrong, so keep the parts. */
    public record Running(String host, String metric, long samples, double sum) {

        public static final Serde<Running> SERDE = JsonSerde.of(Running.class);
        public static final Running EMPTY = new Running(null, null, 0, 0);

        public Running plus(HostMetric sample) {
            return new Running(sample.host(), sample.metric(), samples + 1, sum + sample.value());
        }
    }
}
