package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.session19.AdStatsTopology;
import dev.kafkacourse.session19.StateDirs;
import dev.kafkacourse.session19.StreamsApp;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
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
 * <p>Options (for the bottleneck lab): {@code --rates 2000,5000,10000}, {@code --seconds 15} per rate,
 * {@code --partitions 4}, {@code --commit-interval 100} (ms), {@code --stage-events 150000}, {@code --skip-pipeline}
 * (the stats stage only).
 */
public final class PipelineBench {

    record Options(List<Integer> rates, int seconds, int partitions, Duration commitInterval, int stageEvents,
            boolean skipPipeline) {
    }

    record RateResult(int targetRate, double acceptedRate, long events, long p50Millis, long p99Millis,
            long maxMillis, int probes, long busy) {
    }

    record StageResult(long events, double pipelineRate, double bareRate) {
        double ratio() {
            return pipelineRate / bareRate;
        }
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
            Files.writeString(report, report(options, rates, stage));
            out.printf("%nReport: %s%n", report.toAbsolutePath());
        });
    }

    static List<RateResult> pipeline(KafkaFixture kafka, PrintStream out, Options options) throws Exception {
        AdStatsConfig config = withCommit(AdStatsConfig.defaults(), options.commitInterval());
        List<RateResult> results = new ArrayList<>();
        try (PipelineRun run = PipelineRun.create(kafka, options.partitions(), config)) {
            PipelineInstance instance = run.startInstance(0);
            out.printf("Pipeline: 1 instance at %s, %d partitions, commit.interval.ms %d%n", instance.url(),
                    options.partitions(), options.commitInterval().toMillis());
            out.printf("%8s %14s %10s %8s %8s %8s %7s %6s%n", "target/s", "accepted/s", "events", "p50 ms",
                    "p99 ms", "max ms", "probes", "429s");
            int seed = 1;
            for (int rate : options.rates()) {
                // Event times follow the wall clock (90 s behind it), so each rate's traffic comes after the last.
                GeneratedEvents traffic = Traffic.generateFrom(seed++, rate * options.seconds(), 20,
                        Instant.now().minusSeconds(90), Duration.ofSeconds(options.seconds()));
                List<GeneratedRecord> valid = traffic.records().stream().filter(r -> !r.isMalformed()).toList();
                LoadGenerator load = new LoadGenerator(run.urls());
                AtomicBoolean done = new AtomicBoolean();
                Probe probe = new Probe(instance.url());
                Thread probing = new Thread(() -> probe.run(done), "latency-probe");
                probing.start();
                long start = System.nanoTime();
                load.post(valid, 500, rate, 8, () -> false);
                double seconds = (System.nanoTime() - start) / 1e9;
                done.set(true);
                probing.join();
                run.awaitDrained(Duration.ofSeconds(120));
                RateResult result = probe.result(rate, load.progress().accepted() / seconds,
                        load.progress().accepted(), load.progress().busy());
                results.add(result);
                out.printf("%,8d %,14.0f %,10d %8d %8d %8d %7d %6d%n", rate, result.acceptedRate(), result.events(),
                        result.p50Millis(), result.p99Millis(), result.maxMillis(), result.probes(), result.busy());
            }
        }
        return results;
    }

    /**
     * Posts one event of a campaign of its own every 100 ms and watches the query API count them: the probes share
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
                PipelineRun.pause(100);
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

        RateResult result(int target, double acceptedRate, long events, long busy) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return new RateResult(target, acceptedRate, events, -1, -1, -1, 0, busy);
            }
            return new RateResult(target, acceptedRate, events, percentile(sorted, 50), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1), sorted.size(), busy);
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
                + "commit.interval.ms %d%n", valid.size(), options.partitions(), options.commitInterval().toMillis());

        AdStatsConfig config = withCommit(AdStatsConfig.defaults(), options.commitInterval()).withTopics(input,
                kafka.createTopic("bench-stats", options.partitions()), kafka.createTopic("bench-dlq", 1));
        double pipeline = drainRate(kafka, AdStatsTopology.build(config), config, "bench-stats-stage", input,
                options.partitions(), valid.size());
        out.printf("  session 19's topology (parse, validate, dedupe, window, suppress): %,10.0f records/s%n", pipeline);
        String bareOut = kafka.createTopic("bench-bare", options.partitions());
        double bare = drainRate(kafka, bareCount(input, bareOut, config), config, "bench-bare-count", input,
                options.partitions(), valid.size());
        out.printf("  bare windowed count (key → count per minute):                    %,10.0f records/s%n", bare);
        StageResult result = new StageResult(valid.size(), pipeline, bare);
        out.printf("  ratio: %.2f%n", result.ratio());
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

    /** Runs {@code topology} from the beginning of {@code input} until its group has committed every record. */
    static double drainRate(KafkaFixture kafka, Topology topology, AdStatsConfig config, String name, String input,
            int partitions, long records) {
        String applicationId = kafka.groupId(name);
        Path stateDir = StateDirs.create(applicationId);
        Properties props = config.streamsProperties(kafka.commonConfig(), applicationId, stateDir);
        props.put("consumer.auto.offset.reset", "earliest");
        try (StreamsApp app = StreamsApp.start(topology, props, stateDir, Duration.ofSeconds(60))) {
            // Timed from RUNNING on: start-up (joining the group, creating internal topics) is not throughput.
            long start = System.nanoTime();
            long before = committed(kafka, applicationId, input, partitions);
            while (committed(kafka, applicationId, input, partitions) < records) {
                app.throwIfFailed();
                PipelineRun.pause(50);
            }
            return (records - before) / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long committed(KafkaFixture kafka, String group, String topic, int partitions) {
        try {
            return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()
                    .stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    static String report(Options options, List<RateResult> rates, StageResult stage) {
        StringBuilder md = new StringBuilder();
        md.append("# Session 20 bench: the pipeline end to end and the stats stage's exactly-once cost\n\n");
        md.append(String.format("Run %s; %d partitions, commit.interval.ms %d, %d s per rate, one instance, broker "
                        + "and load generator in one JVM.%n%n", Instant.now(), options.partitions(),
                options.commitInterval().toMillis(), options.seconds()));
        md.append("| target events/s | accepted events/s | events | p50 ms | p99 ms | max ms | probes | 429s |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RateResult r : rates) {
            md.append(String.format("| %,d | %,.0f | %,d | %d | %d | %d | %d | %d |%n", r.targetRate(),
                    r.acceptedRate(), r.events(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.probes(), r.busy()));
        }
        md.append("\nEnd-to-end latency = collector's 202 → the event counted in the query API (probe events).\n\n");
        md.append("```mermaid\nxychart-beta\n  title \"p99 end-to-end latency (ms) by accepted rate\"\n  x-axis [");
        md.append(String.join(", ", rates.stream().map(r -> "\"" + Math.round(r.acceptedRate()) + "/s\"").toList()));
        md.append("]\n  y-axis \"ms\"\n  bar [");
        md.append(String.join(", ", rates.stream().map(r -> Long.toString(r.p99Millis())).toList()));
        md.append("]\n```\n\n");
        md.append(String.format("| stats stage (exactly_once_v2, %,d events) | records/s |%n|---|---:|%n", stage.events()));
        md.append(String.format("| session 19's topology | %,.0f |%n| bare windowed count | %,.0f |%n| ratio | %.2f |%n",
                stage.pipelineRate(), stage.bareRate(), stage.ratio()));
        return md.toString();
    }

    static Options parse(String[] args) {
        List<Integer> rates = List.of(2_000, 5_000, 10_000);
        int seconds = 15;
        int partitions = 4;
        Duration commit = Duration.ofMillis(100);
        int stageEvents = 150_000;
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
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--commit-interval" -> commit = Duration.ofMillis(Long.parseLong(value));
                case "--stage-events" -> stageEvents = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; options: --rates "
                        + "2000,5000,10000 --seconds 15 --partitions 4 --commit-interval 100 --stage-events 150000 "
                        + "--skip-pipeline");
            }
        }
        return new Options(rates, seconds, partitions, commit, stageEvents, skipPipeline);
    }
}
