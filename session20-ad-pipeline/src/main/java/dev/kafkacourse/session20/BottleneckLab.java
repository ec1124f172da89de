package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.session19.AdStatsTopology;
import dev.kafkacourse.session19.CampaignStatsSerde;
import dev.kafkacourse.session19.JsonSerde;
import dev.kafkacourse.session19.StateDirs;
import dev.kafkacourse.session19.StreamsApp;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * {@code ./course lab 20 bottleneck <case>}: a deliberately limited configuration of the pipeline's stats stage (or
 * of a sink behind it), run once as it is and once fixed, on the same pre-loaded events. The lab prints the Kafka
 * metrics that give the bottleneck away (the same ones session 14's endpoint exports when
 * {@code COURSE_METRICS_PORT} is set), before and after, and writes them to
 * {@code target/bench/session20-bottleneck.md}.
 *
 * <p>Every case names one metric that shows the symptom. It is a count or a size, not a duration, so the verdict
 * holds on a busy machine too; rates and latencies are printed beside it to read, not to judge by.
 */
public final class BottleneckLab {

    /** The limited configurations, each with the metric that reveals it. */
    public enum Case {
        PARTITIONS("partitions", "busy stream threads", true,
                "1 partition for 2 stream threads: one thread has no task and idles",
                "4 partitions: a task (and so work) for every thread"),
        COMMIT_INTERVAL("commit-interval", "records per commit", true,
                "commit.interval.ms=1: a transaction per handful of records",
                "commit.interval.ms=1000: one transaction commits a second of records"),
        SERDE("serde", "bytes per stored stats value", false,
                "JSON values in the windowed store: every event reads and writes one",
                "binary values (CampaignStatsSerde, 24 bytes)"),
        SLOW_SINK("slow-sink", "records-per-request-avg", true,
                "a sink that waits for each record's ack (send().get()) before the next",
                "asynchronous sends, flushed once before the offsets are committed");

        private final String id;
        private final String metric;
        private final boolean higherIsBetter;
        private final String limited;
        private final String fixed;

        Case(String id, String metric, boolean higherIsBetter, String limited, String fixed) {
            this.id = id;
            this.metric = metric;
            this.higherIsBetter = higherIsBetter;
            this.limited = limited;
            this.fixed = fixed;
        }

        public String id() {
            return id;
        }

        /** The metric that shows this bottleneck (a key of {@link Run#metrics()}). */
        public String metric() {
            return metric;
        }

        public static Case of(String id) {
            return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("No case '" + id + "'; cases: " + Arrays.stream(values())
                            .map(Case::id).toList() + " or all"));
        }
    }

    /** One configuration's run: what it was, how long it took and what the metrics said at its end. */
    public record Run(String config, long records, double seconds, Map<String, Double> metrics) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        public double metric(String name) {
            return metrics.getOrDefault(name, Double.NaN);
        }
    }

    /** One case: the limited run and the fixed one. */
    public record CaseResult(Case bottleneck, Run limited, Run fixed) {

        public double limitedValue() {
            return limited.metric(bottleneck.metric());
        }

        public double fixedValue() {
            return fixed.metric(bottleneck.metric());
        }

        /** The fixed configuration does better by the case's metric. */
        public boolean fixedIsBetter() {
            return bottleneck.higherIsBetter ? fixedValue() > limitedValue() : fixedValue() < limitedValue();
        }
    }

    public record Result(List<CaseResult> cases) {
    }

    /** Events per case: enough for the metrics to settle, few enough for a lab that runs in seconds. */
    static final int STREAMS_EVENTS = 1_500;
    static final int SINK_EVENTS = 1_000;

    private BottleneckLab() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        List<Case> cases = which.equals("all") ? List.of(Case.values()) : List.of(Case.of(which));
        LabRunner.run("session20 bottleneck", (kafka, out) -> {
            Result result = run(kafka, out, cases);
            Path report = Path.of("target", "bench", "session20-bottleneck.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, report(result));
            out.printf("%nReport: %s%n", report.toAbsolutePath());
        });
    }

    public static Result run(KafkaFixture kafka, PrintStream out, List<Case> cases) {
        return run(kafka, out, cases, false);
    }

    /**
     * {@code parallel}: the cases run at the same time (each on topics and groups of its own), which keeps a test
     * short; the metrics judged are counts and sizes, which sharing the CPU does not change. The lab runs them one
     * after the other so that the rates printed beside them mean something.
     */
    public static Result run(KafkaFixture kafka, PrintStream out, List<Case> cases, boolean parallel) {
        MetricsEndpoint.shared().ifPresent(endpoint -> out.printf("The clients' metrics are also on %s while the "
                + "lab runs (Prometheus: ./course monitoring up).%n", endpoint.url()));
        List<CaseResult> results = new ArrayList<>();
        if (parallel) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cases.size());
            try {
                cases.stream().map(c -> java.util.concurrent.CompletableFuture.supplyAsync(() -> run(kafka, c), pool))
                        .toList().forEach(f -> results.add(f.join()));
            } finally {
                pool.shutdownNow();
            }
        } else {
            cases.forEach(c -> results.add(run(kafka, c)));
        }
        for (CaseResult result : results) {
            out.printf("%n== %s: which metric shows it? (%s)%n", result.bottleneck().id(), result.bottleneck().metric());
            print(out, result);
        }
        return new Result(results);
    }

    static CaseResult run(KafkaFixture kafka, Case bottleneck) {
        return switch (bottleneck) {
            case PARTITIONS -> partitions(kafka);
            case COMMIT_INTERVAL -> commitInterval(kafka);
            case SERDE -> serde(kafka);
            case SLOW_SINK -> slowSink(kafka);
        };
    }

    // --- the cases ---------------------------------------------------------------------------------------------

    /** Session 19's topology with 2 stream threads, on 1 partition and then on 4. */
    static CaseResult partitions(KafkaFixture kafka) {
        List<GeneratedRecord> events = events(STREAMS_EVENTS);
        Run limited = stats(kafka, Case.PARTITIONS.limited, events, 1, 2, Duration.ofMillis(100), null, false);
        Run fixed = stats(kafka, Case.PARTITIONS.fixed, events, 4, 2, Duration.ofMillis(100), null, false);
        return new CaseResult(Case.PARTITIONS, limited, fixed);
    }

    /** Session 19's topology committing every millisecond, then every second. */
    static CaseResult commitInterval(KafkaFixture kafka) {
        List<GeneratedRecord> events = events(STREAMS_EVENTS);
        Run limited = stats(kafka, Case.COMMIT_INTERVAL.limited, events, 4, 1, Duration.ofMillis(1), null, false);
        Run fixed = stats(kafka, Case.COMMIT_INTERVAL.fixed, events, 4, 1, Duration.ofMillis(1_000), null, false);
        return new CaseResult(Case.COMMIT_INTERVAL, limited, fixed);
    }

    /** Session 19's topology with JSON values in its windowed store, then with its binary serde. */
    static CaseResult serde(KafkaFixture kafka) {
        List<GeneratedRecord> events = events(STREAMS_EVENTS);
        Run limited = stats(kafka, Case.SERDE.limited, events, 4, 1, Duration.ofMillis(100),
                JsonSerde.of(CampaignStats.class), true);
        Run fixed = stats(kafka, Case.SERDE.fixed, events, 4, 1, Duration.ofMillis(100), CampaignStatsSerde.serde(),
                true);
        return new CaseResult(Case.SERDE, limited, fixed);
    }

    /** A consumer copying events to a sink topic: one ack awaited per record, then sends flushed per poll. */
    static CaseResult slowSink(KafkaFixture kafka) {
        List<GeneratedRecord> events = events(SINK_EVENTS);
        String input = preload(kafka, "bottleneck-sink-in", 4, events);
        Run limited = sink(kafka, Case.SLOW_SINK.limited, input, events.size(), true);
        Run fixed = sink(kafka, Case.SLOW_SINK.fixed, input, events.size(), false);
        return new CaseResult(Case.SLOW_SINK, limited, fixed);
    }

    // --- running and reading the metrics -------------------------------------------------------------------------

    static List<GeneratedRecord> events(int count) {
        return Traffic.generate(20, count, 50, Duration.ofMinutes(5)).records().stream()
                .filter(r -> !r.isMalformed()).toList();
    }

    static String preload(KafkaFixture kafka, String name, int partitions, List<GeneratedRecord> events) {
        String topic = kafka.createTopic(name, partitions);
        try (KafkaProducer<String, byte[]> producer = kafka.producer(Map.of("linger.ms", 20), new StringSerializer(),
                new ByteArraySerializer())) {
            AdEventRecords.sendGenerated(producer, topic, events);
        }
        return topic;
    }

    /**
     * Runs session 19's exactly-once topology over {@code events} until its group committed all of them, and reads
     * the metrics before it stops. {@code storeSerde} null: the topology's own; {@code measureSerde}: the store's
     * serde is wrapped to count the bytes it writes (Streams has no metric for that).
     */
    static Run stats(KafkaFixture kafka, String label, List<GeneratedRecord> events, int partitions, int threads,
            Duration commitInterval, Serde<CampaignStats> storeSerde, boolean measureSerde) {
        String input = preload(kafka, "bottleneck-in", partitions, events);
        AdStatsConfig config = PipelineBench.withCommit(AdStatsConfig.defaults(), commitInterval).withTopics(input,
                kafka.createTopic("bottleneck-stats", partitions), kafka.createTopic("bottleneck-dlq", 1));
        MeasuredSerde measured = measureSerde ? new MeasuredSerde(storeSerde) : null;
        Topology topology = measured != null ? AdStatsTopology.build(config, measured.serde())
                : storeSerde != null ? AdStatsTopology.build(config, storeSerde) : AdStatsTopology.build(config);
        String applicationId = kafka.groupId("bottleneck");
        Path stateDir = StateDirs.create(applicationId);
        Properties props = config.streamsProperties(kafka.commonConfig(), applicationId, stateDir);
        props.put("consumer.auto.offset.reset", "earliest");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        // DEBUG adds the state stores' own metrics (put/fetch latency), which the serde case prints.
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, "DEBUG");
        try (StreamsApp app = StreamsApp.start(topology, props, stateDir, Duration.ofSeconds(60));
             AutoCloseable exported = export(app)) {
            long start = System.nanoTime();
            PipelineBench.awaitCommitted(app, kafka, applicationId, input, events.size(), 20);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics = streamsMetrics(app.streams().metrics());
            if (measured != null) {
                metrics.put(Case.SERDE.metric(), measured.bytesPerValue());
                metrics.put("serialize-ns-avg (lab's timer)", measured.nanosPerValue());
            }
            return new Run(label + "; " + partitions + " partition(s), " + threads + " thread(s), commit.interval.ms "
                    + commitInterval.toMillis(), events.size(), seconds, metrics);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * With session 14's endpoint on ({@code COURSE_METRICS_PORT}), Streams' metrics go there as well, under
     * Micrometer's names ({@code kafka_stream_thread_process_total}, {@code kafka_stream_thread_commit_total}, ...);
     * the clients' metrics are there already through JMX. Closing the binder takes the meters away with the app.
     */
    private static AutoCloseable export(StreamsApp app) {
        return MetricsEndpoint.shared().<AutoCloseable>map(endpoint -> {
            var binder = new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(app.streams());
            binder.bindTo(endpoint.registry());
            return binder;
        }).orElse(() -> { });
    }

    /** The thread metrics summed or averaged over threads, plus the derived figures the cases judge by. */
    static Map<String, Double> streamsMetrics(Map<MetricName, ? extends Metric> all) {
        Map<String, Double> processedByThread = new LinkedHashMap<>();
        Map<String, Double> commitsByThread = new LinkedHashMap<>();
        List<Double> commitLatency = new ArrayList<>();
        List<Double> storePut = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : all.entrySet()) {
            MetricName name = entry.getKey();
            Object value = entry.getValue().metricValue();
            if (!(value instanceof Double number) || number.isNaN()) {
                continue;
            }
            if (name.group().equals("stream-thread-metrics")) {
                String thread = name.tags().get("thread-id");
                switch (name.name()) {
                    case "process-total" -> processedByThread.put(thread, number);
                    case "commit-total" -> commitsByThread.put(thread, number);
                    case "commit-latency-avg" -> commitLatency.add(number);
                    default -> { }
                }
            } else if (name.group().equals("stream-state-metrics") && name.name().equals("put-latency-avg")
                    && name.tags().values().stream().anyMatch(AdStatsConfig.STATS_STORE::equals)) {
                storePut.add(number);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        double processed = processedByThread.values().stream().mapToDouble(Double::doubleValue).sum();
        double commits = commitsByThread.values().stream().mapToDouble(Double::doubleValue).sum();
        metrics.put("busy stream threads", (double) processedByThread.values().stream().filter(v -> v > 0).count());
        metrics.put("process-total, least busy thread", processedByThread.values().stream().mapToDouble(Double::doubleValue)
                .min().orElse(0));
        metrics.put("process-total", processed);
        metrics.put("commit-total", commits);
        metrics.put("records per commit", commits == 0 ? Double.NaN : processed / commits);
        metrics.put("commit-latency-avg ms", average(commitLatency));
        metrics.put("store put-latency-avg ns", average(storePut));
        return metrics;
    }

    /** A consumer-driven sink: reads {@code input} from the start and copies every record to a sink topic. */
    static Run sink(KafkaFixture kafka, String label, String input, int records, boolean waitForEachAck) {
        String output = kafka.createTopic("bottleneck-sink-out", 4);
        // The same producer settings for both: what differs is only whether the sink waits for each ack.
        Map<String, Object> producerSettings = Map.of("linger.ms", 0);
        long start = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(kafka.groupId("bottleneck-sink"),
                Map.of("auto.offset.reset", "earliest", "enable.auto.commit", false), new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = kafka.producer(producerSettings, new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.subscribe(List.of(input));
            long copied = 0;
            while (copied < records) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var send = producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                    if (waitForEachAck) {
                        await(send);
                    }
                    copied++;
                }
                // At least once either way: the copies are on the broker before the offsets say they are done.
                producer.flush();
                consumer.commitSync();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics = new LinkedHashMap<>();
            Map<MetricName, ? extends Metric> producerMetrics = producer.metrics();
            metrics.put(Case.SLOW_SINK.metric(), metric(producerMetrics, "producer-metrics", "records-per-request-avg"));
            metrics.put("request-total", metric(producerMetrics, "producer-metrics", "request-total"));
            metrics.put("request-latency-avg ms", metric(producerMetrics, "producer-metrics", "request-latency-avg"));
            return new Run(label, records, seconds, metrics);
        }
    }

    private static void await(java.util.concurrent.Future<?> send) {
        try {
            send.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The sink's write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double metric(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name)
                        && !e.getKey().tags().containsKey("topic") && !e.getKey().tags().containsKey("partition"))
                .map(e -> e.getValue().metricValue()).filter(Double.class::isInstance).map(Double.class::cast)
                .filter(v -> !v.isNaN() && !v.isInfinite()).findFirst().orElse(Double.NaN);
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Counts what the store's value serde writes: bytes and time per value. */
    static final class MeasuredSerde {
        private final Serde<CampaignStats> inner;
        private final AtomicLong values = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        MeasuredSerde(Serde<CampaignStats> inner) {
            this.inner = inner;
        }

        Serde<CampaignStats> serde() {
            return Serdes.serdeFrom((topic, stats) -> {
                long start = System.nanoTime();
                byte[] out = inner.serializer().serialize(topic, stats);
                nanos.addAndGet(System.nanoTime() - start);
                if (out != null) {
                    values.incrementAndGet();
                    bytes.addAndGet(out.length);
                }
                return out;
            }, inner.deserializer());
        }

        double bytesPerValue() {
            return values.get() == 0 ? Double.NaN : (double) bytes.get() / values.get();
        }

        double nanosPerValue() {
            return values.get() == 0 ? Double.NaN : (double) nanos.get() / values.get();
        }
    }

    // --- output ----------------------------------------------------------------------------------------------------

    static void print(PrintStream out, CaseResult result) {
        out.printf("  %-34s %20s %20s%n", "metric", "limited", "fixed");
        for (String name : result.limited().metrics().keySet()) {
            out.printf("  %-34s %20s %20s%s%n", name, format(result.limited().metric(name)),
                    format(result.fixed().metric(name)), name.equals(result.bottleneck().metric()) ? "   ◀" : "");
        }
        out.printf("  %-34s %20s %20s%n", "records/s (wall clock)", format(result.limited().recordsPerSecond()),
                format(result.fixed().recordsPerSecond()));
        out.printf("  limited: %s%n  fixed:   %s%n", result.limited().config(), result.fixed().config());
        out.printf("  %s: %s → %s, %s%n", result.bottleneck().metric(), format(result.limitedValue()),
                format(result.fixedValue()), result.fixedIsBetter() ? "the fix shows in the metric"
                        : "NO difference in the metric: look again");
    }

    static String report(Result result) {
        StringBuilder md = new StringBuilder("# Session 20 bottleneck lab: before and after\n\n");
        md.append("| case | metric | limited | fixed | better |\n|---|---|---:|---:|---|\n");
        for (CaseResult c : result.cases()) {
            md.append(String.format("| %s | %s | %s | %s | %s |%n", c.bottleneck().id(), c.bottleneck().metric(),
                    format(c.limitedValue()), format(c.fixedValue()), c.fixedIsBetter() ? "yes" : "no"));
        }
        for (CaseResult c : result.cases()) {
            md.append(String.format("%n## %s%n%nlimited: %s  %nfixed: %s%n%n| metric | limited | fixed |%n"
                    + "|---|---:|---:|%n", c.bottleneck().id(), c.limited().config(), c.fixed().config()));
            for (String name : c.limited().metrics().keySet()) {
                md.append(String.format("| %s | %s | %s |%n", name, format(c.limited().metric(name)),
                        format(c.fixed().metric(name))));
            }
            md.append(String.format("| records/s (wall clock) | %s | %s |%n", format(c.limited().recordsPerSecond()),
                    format(c.fixed().recordsPerSecond())));
        }
        return md.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format("%,.0f", value)
                : String.format("%,.2f", value);
    }
}
