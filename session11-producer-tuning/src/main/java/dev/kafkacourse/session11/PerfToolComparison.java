package dev.kafkacourse.session11;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Bench: the course's bench beside Kafka's own {@code kafka-producer-perf-test} (ProducerPerformance) on the same
 * broker in the same run, for Kafka's default producer settings and for tuned ones, with 100-byte and 1-KiB records.
 * Each run is a fresh JVM with the same flags and a fresh topic; rounds alternate which tool goes first. Reports
 * both tools' records/s and p99, the course/perf-tool ratio and the tuned/default ratio of each tool.
 *
 * <p>Args: {@code quick} (100 B only, one round of 20,000 records; the default) or {@code full} (3 rounds of
 * 300,000 records of 100 B and the same bytes, 29,296 records, of 1 KiB).
 */
public final class PerfToolComparison {

    /** Tuned: wait up to 20 ms for batches of up to 128 KiB and compress them with lz4. */
    static final Map<String, String> TUNED = Map.of(ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    enum Tool { COURSE, PERF_TOOL }

    /** One run of one tool. */
    record Run(int recordSize, String settings, Tool tool, int round, double recordsPerSecond, double p99LatencyMs,
            long records) {
    }

    /** The median of the rounds for one size, settings and tool. */
    record Figure(int recordSize, String settings, Tool tool, double recordsPerSecond, double p99LatencyMs) {
    }

    record Report(List<Run> runs, List<Figure> figures) {
        Figure figure(int size, String settings, Tool tool) {
            return figures.stream().filter(f -> f.recordSize() == size && f.settings().equals(settings)
                    && f.tool() == tool).findFirst().orElseThrow();
        }
    }

    private PerfToolComparison() {
    }

    public static void main(String[] args) {
        boolean full = args.length > 0 && args[0].equals("full");
        LabRunner.run("session11 vs-perf-tool", (kafka, out) -> {
            if (full) {
                run(kafka, out, List.of(100, 1024), 3, 300_000);
            } else {
                run(kafka, out, List.of(100), 1, 20_000);
            }
        });
    }

    /** {@code recordsAt100B} records per run at 100 B; fewer for bigger records (the same bytes). */
    static Report run(KafkaFixture kafka, PrintStream out, List<Integer> sizes, int rounds, int recordsAt100B) {
        return run(kafka, out, sizes, List.of("default", "tuned"), rounds, recordsAt100B);
    }

    /** As above, for some of the settings ("default", "tuned"). */
    static Report run(KafkaFixture kafka, PrintStream out, List<Integer> sizes, List<String> settingsNames,
            int rounds, int recordsAt100B) {
        out.printf("Each run: a fresh JVM (%s), a fresh topic of 3 partitions, 10%% warm-up records not timed;%n"
                + "default = Kafka %s producer defaults; tuned = %s%n%n", String.join(" ", BenchJvm.JVM_FLAGS),
                org.apache.kafka.common.utils.AppInfoParser.getVersion(), TUNED);
        out.println("size    settings  round  tool            records    records/s   p99 ms");
        List<Run> runs = new ArrayList<>();
        for (int size : sizes) {
            int records = Math.max(1_000, (int) ((long) recordsAt100B * 100 / Math.max(100, size)));
            int warmup = records / 10;
            for (int round = 1; round <= rounds; round++) {
                for (String settings : settingsNames) {
                    Map<String, String> overrides = settings.equals("tuned") ? TUNED : Map.of();
                    List<Tool> order = round % 2 == 1 ? List.of(Tool.COURSE, Tool.PERF_TOOL)
                            : List.of(Tool.PERF_TOOL, Tool.COURSE);
                    for (Tool tool : order) {
                        String topic = kafka.createTopic("perf-" + size, 3);
                        Run run = tool == Tool.COURSE
                                ? course(kafka, topic, size, settings, overrides, warmup, records, round)
                                : perfTool(kafka, topic, size, settings, overrides, warmup, records, round);
                        runs.add(run);
                        out.printf(Locale.ROOT, "%5d B  %-8s  %5d  %-14s  %,7d  %,11.0f  %7.1f%n", size, settings,
                                round, tool == Tool.COURSE ? "course bench" : "perf tool", run.records(),
                                run.recordsPerSecond(), run.p99LatencyMs());
                        kafka.admin().deleteTopics(List.of(topic));   // keep the broker's disk small
                    }
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (int size : sizes) {
            for (String settings : settingsNames) {
                for (Tool tool : Tool.values()) {
                    List<Run> of = runs.stream().filter(r -> r.recordSize() == size
                            && r.settings().equals(settings) && r.tool() == tool)
                            .sorted(Comparator.comparingDouble(Run::recordsPerSecond)).toList();
                    Run median = of.get(of.size() / 2);
                    figures.add(new Figure(size, settings, tool, median.recordsPerSecond(), median.p99LatencyMs()));
                }
            }
        }
        Report report = new Report(runs, figures);
        out.printf("%nMedians of %d round(s):%n", rounds);
        out.println("| record | settings | course records/s | perf tool records/s | course / perf tool "
                + "| course p99 ms | perf tool p99 ms |");
        out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            for (String settings : settingsNames) {
                Figure course = report.figure(size, settings, Tool.COURSE);
                Figure tool = report.figure(size, settings, Tool.PERF_TOOL);
                out.printf(Locale.ROOT, "| %d B | %s | %,.0f | %,.0f | %.2f | %.0f | %.0f |%n", size, settings,
                        course.recordsPerSecond(), tool.recordsPerSecond(),
                        course.recordsPerSecond() / tool.recordsPerSecond(), course.p99LatencyMs(),
                        tool.p99LatencyMs());
            }
        }
        out.println();
        for (int size : settingsNames.size() == 2 ? sizes : List.<Integer>of()) {
            double courseGain = report.figure(size, "tuned", Tool.COURSE).recordsPerSecond()
                    / report.figure(size, "default", Tool.COURSE).recordsPerSecond();
            double toolGain = report.figure(size, "tuned", Tool.PERF_TOOL).recordsPerSecond()
                    / report.figure(size, "default", Tool.PERF_TOOL).recordsPerSecond();
            out.printf(Locale.ROOT, "%d B: tuned / default = %.2fx (course bench), %.2fx (perf tool)%n", size,
                    courseGain, toolGain);
        }
        return report;
    }

    private static Run course(KafkaFixture kafka, String topic, int size, String settings,
            Map<String, String> overrides, int warmup, int records, int round) {
        BenchCell cell = new BenchCell(settings + " " + size + " B", overrides, Payload.letters(size));
        CellResult result = CourseBench.run(kafka.producerConfig(), topic, List.of(cell), warmup, records).get(0);
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " records failed in " + cell.label());
        }
        return new Run(size, settings, Tool.COURSE, round, result.recordsPerSecond(), result.p99LatencyMs(),
                result.records());
    }

    private static Run perfTool(KafkaFixture kafka, String topic, int size, String settings,
            Map<String, String> overrides, int warmup, int records, int round) {
        PerfTool.Summary summary = PerfTool.run(kafka.producerConfig(), topic, warmup, records, size, overrides);
        return new Run(size, settings, Tool.PERF_TOOL, round, summary.recordsPerSecond(), summary.p99LatencyMs(),
                summary.records());
    }
}
