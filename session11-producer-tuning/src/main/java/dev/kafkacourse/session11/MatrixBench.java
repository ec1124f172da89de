package dev.kafkacourse.session11;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bench: the producer tuning matrix for ad events, {@code linger.ms} × {@code batch.size} × {@code compression.type}
 * × {@code acks}, measured by the course's bench in a JVM of its own. Prints a table, writes it as Markdown and
 * draws it as an SVG heat map. It asserts nothing: the figures depend on the machine.
 *
 * <p>Args: {@code quick} (8 cells, seconds; the default) or {@code full} (all 120 cells, a few minutes), then
 * optionally the folder for the report files (default: {@code docs/images} for full when it exists, else the
 * temp folder).
 */
public final class MatrixBench {

    enum Mode { QUICK, FULL }

    static final int QUICK_RECORDS = 3_000;

    /** What the bench produced. */
    record Report(List<MatrixPoint> points, List<CellResult> results, Path svg, Path markdown) {
    }

    private MatrixBench() {
    }

    public static void main(String[] args) {
        Mode mode = args.length > 0 && args[0].equals("full") ? Mode.FULL : Mode.QUICK;
        Path out = args.length > 1 ? Path.of(args[1])
                : mode == Mode.FULL && Files.isDirectory(Path.of("docs/images")) ? Path.of("docs/images")
                : Path.of(System.getProperty("java.io.tmpdir"), "session11-bench");
        LabRunner.run("session11 matrix", (kafka, print) -> run(kafka, print, mode, out));
    }

    static List<MatrixPoint> points(Mode mode) {
        return mode == Mode.FULL
                ? MatrixPoint.grid(MatrixPoint.FULL_LINGER, MatrixPoint.FULL_BATCH, MatrixPoint.FULL_COMPRESSION,
                        MatrixPoint.FULL_ACKS)
                : MatrixPoint.grid(List.of(0, 20), List.of(16 * 1024, 128 * 1024), List.of("none", "zstd"),
                        List.of("all"));
    }

    static Report run(KafkaFixture kafka, PrintStream out, Mode mode, Path outDir) throws IOException {
        List<MatrixPoint> points = points(mode);
        int warmup = mode == Mode.FULL ? 10_000 : 500;
        int records = mode == Mode.FULL ? 60_000 : QUICK_RECORDS;
        String topic = kafka.createTopic("ad-events", 3);
        List<BenchCell> cells = points.stream().map(point -> point.cell(Payload.JSON_BYTES)).toList();
        out.printf("%d cells × (%,d warm-up + %,d timed) ad events (JSON, key = campaignId) to %s (3 partitions),%n"
                + "one producer per cell, in a bench JVM of its own (%s); the first cell also runs once unreported%n%n", cells.size(), warmup, records, topic,
                String.join(" ", BenchJvm.JVM_FLAGS));
        List<CellResult> results = CourseBench.runWarm(kafka.producerConfig(), topic, cells, warmup, records,
                mode == Mode.FULL ? out : null);
        String table = table(points, results);
        out.println(table);
        best(points, results, out);
        Files.createDirectories(outDir);
        Path svg = outDir.resolve("session11-producer-matrix" + (mode == Mode.QUICK ? "-quick" : "") + ".svg");
        Path markdown = outDir.resolve("session11-producer-matrix" + (mode == Mode.QUICK ? "-quick" : "") + ".md");
        String title = String.format(Locale.ROOT, "Producer tuning matrix: %,d ad events (JSON, ~%d B) per cell",
                records, results.get(0).valueBytes() / Math.max(1, results.get(0).records()));
        Files.writeString(svg, MatrixChart.svg(title, points, results));
        Files.writeString(markdown, table);
        out.printf("%nChart: %s%nTable: %s%n", svg, markdown);
        return new Report(points, results, svg, markdown);
    }

    static String table(List<MatrixPoint> points, List<CellResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| linger.ms | batch.size | compression.type | acks | records/s | MB/s | avg ms | p99 ms "
                + "| batch-size-avg | compression-rate-avg | record-queue-time-avg ms | request-latency-avg ms |\n");
        table.append("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < points.size(); i++) {
            MatrixPoint point = points.get(i);
            CellResult result = results.get(i);
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %,.0f | %.1f | %.1f | %.1f | %,.0f | %.2f "
                    + "| %.1f | %.1f |%n", point.lingerMs(), MatrixPoint.kib(point.batchSize()), point.compression(),
                    point.acks(), result.recordsPerSecond(), result.megabytesPerSecond(), result.avgLatencyMs(),
                    result.p99LatencyMs(), result.batchSizeAvg(), result.compressionRateAvg(),
                    result.recordQueueTimeAvgMs(), result.requestLatencyAvgMs()));
        }
        return table.toString();
    }

    private static void best(List<MatrixPoint> points, List<CellResult> results, PrintStream out) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(results.get(b).recordsPerSecond(), results.get(a).recordsPerSecond()));
        int top = order.get(0);
        int bottom = order.get(order.size() - 1);
        out.printf(Locale.ROOT, "Fastest: %s, %,.0f records/s (p99 %.1f ms); slowest: %s, %,.0f records/s "
                + "(p99 %.1f ms)%n", points.get(top).label(), results.get(top).recordsPerSecond(),
                results.get(top).p99LatencyMs(), points.get(bottom).label(), results.get(bottom).recordsPerSecond(),
                results.get(bottom).p99LatencyMs());
    }
}
