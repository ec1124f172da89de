package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.session19.AdStatsTopology;
import dev.kafkacourse.session19.StateDirs;
import dev.kafkacourse.session19.StreamsApp;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * {@code ./course lab 20 bench}: two measurements in one run, on one cluster, written to
 * {@code target/bench/session20-pipeline.md} with a chart.
 *
 * <ol>
 *   <li>The whole pipeline (one instance): traffic posted over HTTP at rising rates; end-to-end latency from the
 *       collector's 202 to the event being visible in the query API, measured with probe events of a campaign of
 *       their own; p50/p99 per rate and the rate actually accepted.</li>
 *   <li>The stats stage alone: the same pre-loaded events through session 19's exactly-once topology and through
 *       a bare exactly-once windowed count (no parsing, validation, dedupe or suppression); records/s of both
 *       and the ratio.</li>
 * </ol>
 *
 * <p>Both are checked against the course's targets (p99 ≤ 1 s at ≥ 10,000 events/s; ratio ≥ 0.7) and the report
 * says met or not met. A warm-up (the first rate, not in the figures) comes before the rates, and the stats stage
 * runs in rounds whose first ones are warm-ups, because a fresh JVM's first seconds measure the JIT, not Kafka. The
 * load average is printed beside each figure: under a busy machine only the ratios of one run compare.
 *
 * <p>Options: {@code --rates 2000,5000,10000}, {@code --seconds 15} per rate, {@code --warmup 10} (s, 0: none),
 * {@code --partitions 4}, {@code --commit-interval 100} (ms), {@code --stage-events 300000},
 * {@code --stage-rounds 7}, {@code --stage-warmup 2} (of those rounds), {@code --skip-pipeline} (the stats stage
 * only). The bottleneck lab ({@code ./course lab 20 bottleneck}) varies one setting at a time on purpose.
 */
public final class PipelineBench {

    record Options(List<Integer> rates, int seconds, int warmupSeconds, int partitions, Duration commitInterval,
            int stageEvents, int stageRounds, int stageWarmupRounds, boolean skipPipeline) {

        /** Warm-up rounds actually run: at least one round is always measured. */
        int stageWarmups() {
            return Math.max(0, Math.min(stageWarmupRounds, stageRounds - 1));
        }
    }

    /** The targets the report checks: p99 at a sustained rate, and the stats stage's exactly-once cost. */
    static final int TARGET_RATE = 10_000;
    static final long TARGET_P99_MILLIS = 1_000;
    static final double TARGET_RATIO = 0.7;
    /** A row counts as sustaining the target rate when it accepted at least this share of it. */
    static final double SUSTAINED_SHARE = 0.98;

    record RateResult(int targetRate, double acceptedRate, long events, long p50Millis, long p99Millis,
            long maxMillis, int probes, long busy, double loadBefore, double loadAfter) {

        boolean meetsTarget() {
            return acceptedRate >= TARGET_RATE * SUSTAINED_SHARE && busy == 0 && probes > 0
                    && p99Millis <= TARGET_P99_MILLIS;
        }
    }

    /** One round: the same input through session 19's topology, then through the bare count. */
    record StageRound(Drain pipeline, Drain bare, double load) {
        double pipelineRate() {
            return pipeline.rate();
        }

        double bareRate() {
            return bare.rate();
        }

        double ratio() {
            return pipeline.rate() / bare.rate();
        }

        /** The same ratio from the stream thread's CPU time per record: what a busy machine's waits leave out. */
        double cpuRatio() {
            return bare.cpuMicrosPerRecord() / pipeline.cpuMicrosPerRecord();
        }
    }

    /** One topology drained: records/s of wall-clock time, and the stream thread's CPU time per record. */
    record Drain(double rate, double cpuMicrosPerRecord) {
    }

    /**
     * The stats stage's rounds; the first {@code warmups} are warm-ups (JIT, RocksDB, the broker's transaction
     * machinery) and the figures are the medians of the measured rounds. Two warm-ups, because session 19's
     * topology is a longer code path than the bare count: its first round ran at half the speed of its later ones,
     * and its second still some 10% below them (JIT compilation on a 2-core machine shared with the broker).
     */
    record StageResult(long events, List<StageRound> rounds, int warmups) {
        List<StageRound> measured() {
            return rounds.subList(warmups, rounds.size());
        }

        boolean isWarmup(int index) {
            return index < warmups;
        }

        double pipelineRate() {
            return median(measured().stream().mapToDouble(StageRound::pipelineRate).toArray());
        }

        double bareRate() {
            return median(measured().stream().mapToDouble(StageRound::bareRate).toArray());
        }

        /** The median of the rounds' own ratios: each compares two runs made right after each other. */
        double ratio() {
            return median(measured().stream().mapToDouble(StageRound::ratio).toArray());
        }

        double cpuRatio() {
            return median(measured().stream().mapToDouble(StageRound::cpuRatio).toArray());
        }

        double pipelineCpuMicros() {
            return median(measured().stream().mapToDouble(r -> r.pipeline().cpuMicrosPerRecord()).toArray());
        }

        double bareCpuMicros() {
            return median(measured().stream().mapToDouble(r -> r.bare().cpuMicrosPerRecord()).toArray());
        }

        /**
         * The stream-thread CPU per record, as a budget: what session 19's topology spends beyond the bare count,
         * and what the target ratio would allow it to spend.
         */
        String cpuBudget() {
            return String.format("stream-thread CPU per record (medians): session 19's topology %.1f µs, bare count"
                    + " %.1f µs; %.1f µs of work beyond the count, where a ratio of %.1f allows %.1f µs",
                    pipelineCpuMicros(), bareCpuMicros(), pipelineCpuMicros() - bareCpuMicros(), TARGET_RATIO,
                    bareCpuMicros() / TARGET_RATIO - bareCpuMicros());
        }

        private static double median(double[] values) {
            java.util.Arrays.sort(values);
            int n = values.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    /** The whole machine's 1-minute load average (runnable threads), or -1 where the OS does not say. */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private PipelineBench() {
    }

    public static void main(String[] args) {
        Options options = parse(args);
        LabRunner.run("session20 bench", (kafka, out) -> {
            List<RateResult> rates = options.skipPipeline() ? List.of() : pipeline(kafka, out, options);
            StageResult stage = stage(kafka, out, options);
            Path report = Path.of("target", "bench", "session20-pipeline.md");
            Files.createDirectories(report.getParent());
            String markdown = report(options, rates, stage);
            Files.writeString(report, markdown);
            out.println();
            // The verdicts on the console too: the Targets section, up to the next heading.
            List<String> targets = markdown.lines().dropWhile(line -> !line.startsWith("## Targets")).toList();
            targets.stream().limit(1).forEach(out::println);
            targets.stream().skip(1).takeWhile(line -> !line.startsWith("## ")).forEach(out::println);
            out.printf("Report: %s%n", report.toAbsolutePath());
        });
    }

    static List<RateResult> pipeline(KafkaFixture kafka, PrintStream out, Options options) throws Exception {
        AdStatsConfig config = withCommit(AdStatsConfig.defaults(), options.commitInterval());
        List<RateResult> results = new ArrayList<>();
        try (PipelineRun run = PipelineRun.create(kafka, options.partitions(), config)) {
            PipelineInstance instance = run.startInstance(0);
            out.printf("Pipeline: 1 instance at %s, %d partitions, commit.interval.ms %d%n", instance.url(),
                    options.partitions(), options.commitInterval().toMillis());
            int seed = 1;
            if (options.warmupSeconds() > 0) {
                // JIT compilation, the first RocksDB segments and the producers' first batches all land in the
                // first seconds of a JVM: measured, they made the lowest rate look like the slowest.
                int rate = options.rates().get(0);
                out.printf("(warm-up: %d s at %,d events/s, not in the figures)%n", options.warmupSeconds(), rate);
                measureRate(run, instance, seed++, rate, options.warmupSeconds());
            }
            out.printf("%8s %14s %10s %8s %8s %8s %7s %6s %11s%n", "target/s", "accepted/s", "events", "p50 ms",
                    "p99 ms", "max ms", "probes", "429s", "load avg");
            for (int rate : options.rates()) {
                RateResult result = measureRate(run, instance, seed++, rate, options.seconds());
                results.add(result);
                out.printf("%,8d %,14.0f %,10d %8d %8d %8d %7d %6d %5.1f→%-5.1f%n", rate, result.acceptedRate(),
                        result.events(), result.p50Millis(), result.p99Millis(), result.maxMillis(), result.probes(),
                        result.busy(), result.loadBefore(), result.loadAfter());
            }
        }
        return results;
    }

    /** One rate for {@code seconds}: the traffic posted, then drained, with probes timing end-to-end latency. */
    static RateResult measureRate(PipelineRun run, PipelineInstance instance, int seed, int rate, int seconds)
            throws InterruptedException {
        double loadBefore = load();
        // Event times follow the wall clock (90 s behind it), so each rate's traffic comes after the last.
        GeneratedEvents traffic = Traffic.generateFrom(seed, rate * seconds, 20, Instant.now().minusSeconds(90),
                Duration.ofSeconds(seconds));
        List<GeneratedRecord> valid = traffic.records().stream().filter(r -> !r.isMalformed()).toList();
        LoadGenerator load = new LoadGenerator(run.urls());
        AtomicBoolean done = new AtomicBoolean();
        Probe probe = new Probe(instance.url());
        Thread probing = new Thread(() -> probe.run(done), "latency-probe");
        probing.start();
        long start = System.nanoTime();
        load.post(valid, 500, rate, 8, () -> false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        done.set(true);
        probing.join();
        run.awaitDrained(Duration.ofSeconds(120));
        return probe.result(rate, load.progress().accepted() / elapsed, load.progress().accepted(),
                load.progress().busy(), loadBefore, load());
    }

    /**
     * Posts one event of a campaign of its own every 50 ms (some 20 a second, so a p99 rests on
     * hundreds of probes) and watches the query API count them: the probes share
     * one key, so one partition, so they become visible in the order they were accepted, and a count of k means
     * the first k probes are visible.
     */
    static final class Probe {
        private final String url;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String campaign = "c-probe-" + UUID.randomUUID().toString().substring(0, 6);
        private final List<Long> acceptedAt = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        Probe(String url) {
            this.url = url;
        }

        void run(AtomicBoolean done) {
            Thread watcher = new Thread(() -> watch(done), "latency-watcher");
            watcher.start();
            while (!done.get()) {
                try {
                    String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"IMPRESSION\","
                            + "\"impressionId\":null,\"campaignId\":\"" + campaign + "\",\"adId\":\"probe\","
                            + "\"userId\":\"probe\",\"timestamp\":" + (System.currentTimeMillis() - 60_000)
                            + ",\"country\":\"KR\",\"device\":\"probe\",\"costMicros\":0}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/events"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        acceptedAt.add(System.nanoTime());
                    }
                } catch (IOException e) {
                    // counted as no probe
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                PipelineRun.pause(50);
            }
            try {
                watcher.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Until every accepted probe is visible (or 60 s after the load ended). */
        private void watch(AtomicBoolean done) {
            int recorded = 0;
            long doneAt = 0;
            while (true) {
                if (done.get() && doneAt == 0) {
                    doneAt = System.nanoTime();
                }
                if (doneAt != 0 && (recorded >= acceptedAt.size() || System.nanoTime() - doneAt > 60_000_000_000L)) {
                    return;
                }
                try {
                    long visible = count();
                    long now = System.nanoTime();
                    while (recorded < Math.min(visible, acceptedAt.size())) {
                        latencies.add((now - acceptedAt.get(recorded)) / 1_000_000);
                        recorded++;
                    }
                } catch (IOException e) {
                    // try again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                PipelineRun.pause(10);
            }
        }

        private long count() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/campaigns/"
                    + campaign + "/stats")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            long impressions = 0;
            for (var window : HttpStats.JSON.readTree(response.body())) {
                impressions += window.get("impressions").asLong();
            }
            return impressions;
        }

        RateResult result(int target, double acceptedRate, long events, long busy, double loadBefore,
                double loadAfter) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return new RateResult(target, acceptedRate, events, -1, -1, -1, 0, busy, loadBefore, loadAfter);
            }
            return new RateResult(target, acceptedRate, events, percentile(sorted, 50), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1), sorted.size(), busy, loadBefore, loadAfter);
        }

        private static long percentile(List<Long> sorted, int p) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    static StageResult stage(KafkaFixture kafka, PrintStream out, Options options) {
        String input = kafka.createTopic("bench-events", options.partitions());
        GeneratedEvents traffic = Traffic.generate(99, options.stageEvents(), 1_000, Duration.ofMinutes(20));
        KafkaProducer<String, byte[]> producer = kafka.producer(Map.of("linger.ms", 20, "batch.size", 262_144,
                "compression.type", "lz4"), new StringSerializer(), new ByteArraySerializer());
        List<GeneratedRecord> valid = traffic.records().stream().filter(r -> !r.isMalformed()).toList();
        AdEventRecords.sendGenerated(producer, input, valid);
        producer.flush();
        out.printf("%nStats stage alone: %,d events pre-loaded on %d partitions (1,000 campaigns), exactly_once_v2, "
                + "commit.interval.ms %d; %d round(s) of both topologies one after the other (which goes first "
                + "alternates), %d of them warm-up%n",
                valid.size(), options.partitions(), options.commitInterval().toMillis(), options.stageRounds(),
                options.stageWarmups());
        out.printf("%7s %22s %22s %7s %11s %9s%n", "round", "session 19 records/s", "bare count records/s", "ratio",
                "CPU ratio", "load avg");
        List<StageRound> rounds = new ArrayList<>();
        for (int round = 1; round <= options.stageRounds(); round++) {
            double loadBefore = load();
            AdStatsConfig config = withCommit(AdStatsConfig.defaults(), options.commitInterval()).withTopics(input,
                    kafka.createTopic("bench-stats", options.partitions()), kafka.createTopic("bench-dlq", 1));
            String bareOut = kafka.createTopic("bench-bare", options.partitions());
            Supplier<Drain> stats = () -> drain(kafka, AdStatsTopology.build(config), config, "bench-stats-stage",
                    input, valid.size());
            Supplier<Drain> count = () -> drain(kafka, bareCount(input, bareOut, config), config, "bench-bare-count",
                    input, valid.size());
            // Whichever runs second finds the broker's page cache warm and the first one's garbage still to
            // collect: alternating the order keeps that from always favouring the same topology.
            Drain pipeline;
            Drain bare;
            if (round % 2 == 1) {
                pipeline = stats.get();
                bare = count.get();
            } else {
                bare = count.get();
                pipeline = stats.get();
            }
            StageRound result = new StageRound(pipeline, bare, loadBefore);
            rounds.add(result);
            out.printf("%7s %,22.0f %,22.0f %7.2f %11.2f %9.1f%n", round <= options.stageWarmups()
                    ? "warm-up" : Integer.toString(round), pipeline.rate(), bare.rate(), result.ratio(),
                    result.cpuRatio(), loadBefore);
        }
        StageResult result = new StageResult(valid.size(), rounds, options.stageWarmups());
        out.printf("  session 19's topology (parse, validate, dedupe, window, suppress): %,10.0f records/s%n",
                result.pipelineRate());
        out.printf("  bare windowed count (key → count per minute):                    %,10.0f records/s%n",
                result.bareRate());
        out.printf("  ratio (median of the measured rounds): %.2f; by stream-thread CPU time per record: %.2f%n",
                result.ratio(), result.cpuRatio());
        out.printf("  %s%n", result.cpuBudget());
        return result;
    }

    static AdStatsConfig withCommit(AdStatsConfig c, Duration commitInterval) {
        return new AdStatsConfig(c.inputTopic(), c.statsTopic(), c.deadLetterTopic(), c.windowSize(), c.grace(),
                c.dedupeRetention(), c.storeRetention(), commitInterval);
    }

    /** The simplest exactly-once windowed count on the same input: the yardstick. */
    static Topology bareCount(String input, String output, AdStatsConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(config.windowSize(), config.grace()))
                .count(org.apache.kafka.streams.kstream.Materialized.as("bare-count-store"))
                .toStream((window, count) -> window.key())
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /**
     * Runs {@code topology} from the beginning of {@code input} until its group has committed every record: the
     * records/s between its first commit and its last, and the CPU time its stream threads used per record.
     */
    static Drain drain(KafkaFixture kafka, Topology topology, AdStatsConfig config, String name, String input,
            long records) {
        String applicationId = kafka.groupId(name);
        Path stateDir = StateDirs.create(applicationId);
        Properties props = config.streamsProperties(kafka.commonConfig(), applicationId, stateDir);
        props.put("consumer.auto.offset.reset", "earliest");
        try (StreamsApp app = StreamsApp.start(topology, props, stateDir, Duration.ofSeconds(60))) {
            // Timed from the first commit on: what comes before it (tasks created, stores opened, the transactional
            // producer initialised) is start-up, not throughput, and varies with the broker's other work.
            long first = awaitCommitted(app, kafka, applicationId, input, 1, 10);
            long start = System.nanoTime();
            long done = awaitCommitted(app, kafka, applicationId, input, records, 20);
            double rate = first >= done ? Double.NaN : (done - first) / ((System.nanoTime() - start) / 1e9);
            return new Drain(rate, streamThreadCpuNanos(applicationId) / 1_000.0 / records);
        }
    }

    /** CPU time so far of the stream threads of {@code applicationId} (Streams names them after it). */
    static long streamThreadCpuNanos(String applicationId) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(applicationId) && t.getName().contains("-StreamThread-"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum();
    }

    /** Far above any drain here (300,000 events at well over 10,000/s): a bound, not a measurement. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Waits until {@code group} has committed at least {@code records} offsets on {@code topic} (the sum over its
     * partitions), failing as soon as the application does; returns what was committed. The callers time this
     * wait: {@code pollMillis} is their resolution.
     */
    static long awaitCommitted(StreamsApp app, KafkaFixture kafka, String group, String topic, long records,
            long pollMillis) {
        return PipelineRun.polling(group + " to commit " + records + " records of " + topic, DRAIN_TIMEOUT,
                Duration.ofMillis(pollMillis)).until(() -> {
                    app.throwIfFailed();
                    return committed(kafka, group, topic);
                }, committed -> committed >= records);
    }

    private static long committed(KafkaFixture kafka, String group, String topic) {
        try {
            return Offsets.committedTotal(kafka.admin(), group, topic);
        } catch (IllegalStateException notYet) {
            return 0;   // polled while the application starts: asked again
        }
    }

    /** The row that decides the latency target: the best p99 among rows that sustained the target rate. */
    static java.util.Optional<RateResult> atTargetRate(List<RateResult> rates) {
        return rates.stream().filter(r -> r.acceptedRate() >= TARGET_RATE * SUSTAINED_SHARE && r.probes() > 0)
                .min(java.util.Comparator.comparingLong(RateResult::p99Millis));
    }

    static String report(Options options, List<RateResult> rates, StageResult stage) {
        StringBuilder md = new StringBuilder();
        md.append("# Session 20 bench: the pipeline end to end and the stats stage's exactly-once cost\n\n");
        md.append(String.format("Run %s; %d partitions, commit.interval.ms %d, %d s per rate after a %d s warm-up "
                        + "(not in the figures), one instance, broker and load generator in one JVM on %d cores.%n%n",
                Instant.now(), options.partitions(), options.commitInterval().toMillis(), options.seconds(),
                options.warmupSeconds(), Runtime.getRuntime().availableProcessors()));
        md.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        java.util.Optional<RateResult> row = atTargetRate(rates);
        md.append(String.format("| p99 end-to-end ≤ %,d ms at ≥ %,d events/s sustained | %s | %s |%n",
                TARGET_P99_MILLIS, TARGET_RATE, rates.isEmpty() ? "not run (--skip-pipeline)"
                        : row.map(r -> String.format("p99 %,d ms at %,.0f events/s (%d probes, %d 429s)",
                                r.p99Millis(), r.acceptedRate(), r.probes(), r.busy()))
                                .orElse("no rate reached " + TARGET_RATE + " events/s"),
                rates.isEmpty() ? "—" : row.filter(RateResult::meetsTarget).isPresent() ? "**met**" : "**not met**"));
        md.append(String.format("| stats stage exactly-once ≥ %.1f× a bare exactly-once windowed count | %.2f "
                        + "(%,.0f vs %,.0f records/s) | %s |%n%n", TARGET_RATIO, stage.ratio(), stage.pipelineRate(),
                stage.bareRate(), stage.ratio() >= TARGET_RATIO ? "**met**" : "**not met**"));
        md.append("A rate counts as sustained when at least 98% of it was accepted with no 429. The load average "
                + "(runnable threads, 1 min) is printed beside each figure: above the number of cores, every "
                + "figure is CPU-starved and only the ratios within one run compare.\n\n");
        if (!rates.isEmpty()) {
            md.append("## End to end\n\n");
            md.append("| target events/s | accepted events/s | events | p50 ms | p99 ms | max ms | probes | 429s | load avg |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RateResult r : rates) {
                md.append(String.format("| %,d | %,.0f | %,d | %d | %d | %d | %d | %d | %.1f→%.1f |%n", r.targetRate(),
                        r.acceptedRate(), r.events(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.probes(), r.busy(),
                        r.loadBefore(), r.loadAfter()));
            }
            md.append("\nEnd-to-end latency = collector's 202 → the event counted in the query API (probe events, one "
                    + "every 50 ms).\n\n");
            md.append("```mermaid\nxychart-beta\n  title \"p99 end-to-end latency (ms) by accepted rate\"\n  x-axis [");
            md.append(String.join(", ", rates.stream().map(r -> "\"" + Math.round(r.acceptedRate()) + "/s\"").toList()));
            md.append("]\n  y-axis \"ms\"\n  bar [");
            md.append(String.join(", ", rates.stream().map(r -> Long.toString(r.p99Millis())).toList()));
            md.append("]\n  line [");
            md.append(String.join(", ", rates.stream().map(r -> Long.toString(TARGET_P99_MILLIS)).toList()));
            md.append("]\n```\n\n");
        }
        md.append(String.format("## Stats stage alone (exactly_once_v2, %,d events)%n%n", stage.events()));
        md.append("| round | session 19's topology records/s | bare count records/s | ratio | CPU ratio | load avg |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < stage.rounds().size(); i++) {
            StageRound r = stage.rounds().get(i);
            md.append(String.format("| %s | %,.0f | %,.0f | %.2f | %.2f | %.1f |%n",
                    stage.isWarmup(i) ? "warm-up" : Integer.toString(i + 1), r.pipelineRate(),
                    r.bareRate(), r.ratio(), r.cpuRatio(), r.load()));
        }
        md.append(String.format("| **median of measured** | **%,.0f** | **%,.0f** | **%.2f** | **%.2f** | |%n%n",
                stage.pipelineRate(), stage.bareRate(), stage.ratio(), stage.cpuRatio()));
        md.append("The ratio is of wall-clock records/s, the target's figure. The CPU ratio divides the stream "
                + "threads' CPU time per record instead: on a busy machine, where waiting for a core inflates "
                + "wall-clock time at random, it is the steadier of the two. The same CPU time as a budget: "
                + stage.cpuBudget() + ".\n");
        return md.toString();
    }

    static Options parse(String[] args) {
        List<Integer> rates = List.of(2_000, 5_000, 10_000);
        int seconds = 15;
        int warmup = 10;
        int partitions = 4;
        Duration commit = Duration.ofMillis(100);
        int stageEvents = 300_000;
        int stageRounds = 7;
        int stageWarmups = 2;
        boolean skipPipeline = false;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--skip-pipeline")) {
                skipPipeline = true;
                i--;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--rates" -> rates = java.util.Arrays.stream(value.split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--commit-interval" -> commit = Duration.ofMillis(Long.parseLong(value));
                case "--stage-events" -> stageEvents = Integer.parseInt(value);
                case "--stage-rounds" -> stageRounds = Integer.parseInt(value);
                case "--stage-warmup" -> stageWarmups = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; options: --rates "
                        + "2000,5000,10000 --seconds 15 --warmup 10 --partitions 4 --commit-interval 100 "
                        + "--stage-events 300000 --stage-rounds 7 --stage-warmup 2 --skip-pipeline");
            }
        }
        return new Options(rates, seconds, warmup, partitions, commit, stageEvents, stageRounds, stageWarmups,
                skipPipeline);
    }
}
