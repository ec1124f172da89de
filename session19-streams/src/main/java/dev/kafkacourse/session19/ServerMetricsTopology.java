package dev.kafkacourse.session19;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The book's server-metrics pipeline as a second, smaller topology:
 *
 * <pre>
 * host-metrics (key host) ─▶ re-key to host/metric ─▶ [repartition topic] ─▶ 1-minute windows: mean per host/metric
 *   ─▶ final averages ─▶ host-metrics-avg-1m
 *                    └─▶ average above the metric's threshold ─▶ host-alerts
 * </pre>
 *
 * Unlike the ad-stats topology, the grouping key here (host/metric) is not the record key (host), so Streams must
 * repartition: every sample is written to an internal topic keyed by host/metric and read back, so that all samples
 * of one host/metric meet in one task.
 */
public final class ServerMetricsTopology {

    /** The settings of the pipeline. */
    public record Config(String metricsTopic, String averagesTopic, String alertsTopic, Duration window,
            Duration grace, Map<String, Double> thresholds) {
    }

    private ServerMetricsTopology() {
    }

    public static Topology build(Config config) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, MetricAverage> averages = builder
                .stream(config.metricsTopic(), Consumed.with(Serdes.String(), HostMetric.SERDE)
                        .withTimestampExtractor((record, partitionTime) -> ((HostMetric) record.value()).timestamp())
                        .withName("host-metrics-source"))
                .groupBy((host, sample) -> sample.hostMetric(),
                        Grouped.<String, HostMetric>as("by-host-metric").withKeySerde(Serdes.String())
                                .withValueSerde(HostMetric.SERDE))
                .windowedBy(TimeWindows.ofSizeAndGrace(config.window(), config.grace()))
                .aggregate(() -> MetricAverage.Running.EMPTY, (key, sample, running) -> running.plus(sample),
                        Named.as("mean-per-window"),
                        Materialized.<String, MetricAverage.Running, WindowStore<Bytes, byte[]>>as("metric-means")
                                .withKeySerde(Serdes.String()).withValueSerde(MetricAverage.Running.SERDE))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final-means"))
                .toStream(Named.as("closed-windows"))
                .map((window, running) -> KeyValue.pair(window.key(), new MetricAverage(running.host(),
                        running.metric(), window.window().start(), running.samples(),
                        running.sum() / running.samples())), Named.as("to-average"));
        averages.to(config.averagesTopic(), Produced.with(Serdes.String(), MetricAverage.SERDE).withName("averages-sink"));
        averages.filter((key, average) -> average.average() > config.thresholds().getOrDefault(average.metric(),
                        Double.MAX_VALUE), Named.as("above-threshold"))
                .to(config.alertsTopic(), Produced.with(Serdes.String(), MetricAverage.SERDE).withName("alerts-sink"));
        return builder.build();
    }
}
