package dev.kafkacourse.session19;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Lab 3: the server-metrics pipeline. Seeded cpu and memory samples of four hosts for five minutes; the topology
 * publishes one average per host, metric and minute, and an alert for each average above its threshold. Both are
 * compared with the averages worked out from the samples themselves.
 */
public final class ServerMetricsLab {

    static final Map<String, Double> THRESHOLDS = Map.of("cpu", 80.0, "memory", 90.0);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ServerMetricsLab() {
    }

    /** What the lab observed; keys are "host/metric@windowStart". */
    record Result(SortedMap<String, MetricAverage> averages, SortedMap<String, MetricAverage> expectedAverages,
            List<MetricAverage> alerts, List<MetricAverage> expectedAlerts, boolean repartitioned) {
    }

    public static void main(String[] args) {
        LabRunner.run("session19 server-metrics", ServerMetricsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        long start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        List<HostMetric> samples = HostMetricsGenerator.generate(52, 4, 5, start);
        // One partition: the repartition topic gets one too, so a single tick closes every window (see below).
        ServerMetricsTopology.Config config = new ServerMetricsTopology.Config(kafka.createTopic("host-metrics", 1),
                kafka.createTopic("host-metrics-avg-1m", 1), kafka.createTopic("host-alerts", 1),
                Duration.ofMinutes(1), Duration.ofSeconds(30), THRESHOLDS);
        SortedMap<String, MetricAverage> expected = expectedAverages(samples, config.window().toMillis());
        List<MetricAverage> expectedAlerts = expected.values().stream()
                .filter(a -> a.average() > THRESHOLDS.get(a.metric())).toList();
        var topology = ServerMetricsTopology.build(config);
        boolean repartitioned = topology.describe().toString().contains("-repartition");
        out.printf("%,d samples (4 hosts x cpu, memory every 5 s, 5 minutes); thresholds %s%n", samples.size(),
                new TreeMap<>(THRESHOLDS));
        out.printf("The topology groups by host/metric while the records are keyed by host: repartition topic %s%n%n",
                repartitioned ? "present" : "absent");

        Path stateDir = StateDirs.create("server-metrics");
        Properties props = AdStatsConfig.defaults().streamsProperties(kafka.commonConfig(),
                kafka.groupId("server-metrics"), stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        SortedMap<String, MetricAverage> averages = new TreeMap<>();
        List<MetricAverage> alerts;
        try (StreamsApp app = StreamsApp.start(topology, props, stateDir, Duration.ofSeconds(60))) {
            KafkaProducer<String, HostMetric> producer = kafka.producer(new StringSerializer(), HostMetric.SERDE.serializer());
            List<ProducerRecord<String, HostMetric>> records = new ArrayList<>();
            samples.forEach(s -> records.add(new ProducerRecord<>(config.metricsTopic(), null, s.timestamp(), s.host(), s)));
            // Stream time only moves with records: a last sample past the final window + grace closes every window.
            long tick = start + 5 * 60_000L + config.window().plus(config.grace()).toMillis();
            records.add(new ProducerRecord<>(config.metricsTopic(), null, tick, "clock",
                    new HostMetric("clock", "tick", 0, tick)));
            Sends.all(producer, records);
            consume(kafka, config.averagesTopic(), expected.size())
                    .forEach(a -> averages.put(key(a), a));
            alerts = consume(kafka, config.alertsTopic(), expectedAlerts.size());
            app.throwIfFailed();
        }

        out.printf("%-14s %-6s %8s %9s   %s%n", "host/metric", "window", "samples", "average", "= from samples");
        averages.values().stream().filter(a -> a.host().equals(HostMetricsGenerator.HOT_HOST) || a.host().equals("web-1"))
                .forEach(a -> out.printf("%-14s %-6s %8d %9.2f   %s%n", a.host() + "/" + a.metric(),
                        TIME.format(Instant.ofEpochMilli(a.windowStart())), a.samples(), a.average(),
                        near(a, expected.get(key(a))) ? "yes" : "NO"));
        out.printf("(%d averages in all, web-3 and web-4 not shown)%n%n", averages.size());
        out.printf("Alerts on %s:%n", config.alertsTopic());
        alerts.forEach(a -> out.printf("  %s/%s at %s: average %.2f > %.0f%n", a.host(), a.metric(),
                TIME.format(Instant.ofEpochMilli(a.windowStart())), a.average(), THRESHOLDS.get(a.metric())));
        return new Result(averages, expected, alerts, expectedAlerts, repartitioned);
    }

    static SortedMap<String, MetricAverage> expectedAverages(List<HostMetric> samples, long windowMs) {
        SortedMap<String, MetricAverage.Running> running = new TreeMap<>();
        for (HostMetric s : samples) {
            long windowStart = s.timestamp() - Math.floorMod(s.timestamp(), windowMs);
            running.merge(s.hostMetric() + "@" + windowStart, MetricAverage.Running.EMPTY.plus(s),
                    (a, b) -> new MetricAverage.Running(a.host(), a.metric(), a.samples() + 1, a.sum() + b.sum()));
        }
        SortedMap<String, MetricAverage> result = new TreeMap<>();
        running.forEach((key, r) -> result.put(key, new MetricAverage(r.host(), r.metric(),
                Long.parseLong(key.substring(key.indexOf('@') + 1)), r.samples(), r.sum() / r.samples())));
        return result;
    }

    static String key(MetricAverage a) {
        return a.host() + "/" + a.metric() + "@" + a.windowStart();
    }

    static boolean near(MetricAverage a, MetricAverage b) {
        return b != null && a.samples() == b.samples() && Math.abs(a.average() - b.average()) < 1e-9;
    }

    private static List<MetricAverage> consume(KafkaFixture kafka, String topic, int count) {
        KafkaConsumer<String, MetricAverage> consumer = kafka.consumer(kafka.groupId("read-" + topic),
                new StringDeserializer(), MetricAverage.SERDE.deserializer());
        consumer.subscribe(List.of(topic));
        List<MetricAverage> result = new ArrayList<>();
        Consume.records(consumer, count, Duration.ofSeconds(60)).forEach(r -> result.add(r.value()));
        return result;
    }
}
