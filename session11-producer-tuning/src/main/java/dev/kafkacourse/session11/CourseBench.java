package dev.kafkacourse.session11;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs cells with the course's bench ({@link ProducerBenchMain}) in a JVM of its own and reads its results. */
final class CourseBench {

    private CourseBench() {
    }

    static List<CellResult> run(Map<String, Object> clientConfig, String topic, List<BenchCell> cells, int warmup,
            int records) {
        return run(clientConfig, topic, cells, warmup, records, null);
    }

    /** One bench JVM for many cells: the first cell runs once unreported, so that it is not the only cold one. */
    static List<CellResult> runWarm(Map<String, Object> clientConfig, String topic, List<BenchCell> cells,
            int warmup, int records, PrintStream progress) {
        return run(clientConfig, topic, cells, warmup, records, progress, true);
    }

    /** With {@code progress}: one line per finished cell (a full matrix runs for minutes). */
    static List<CellResult> run(Map<String, Object> clientConfig, String topic, List<BenchCell> cells, int warmup,
            int records, PrintStream progress) {
        return run(clientConfig, topic, cells, warmup, records, progress, false);
    }

    private static List<CellResult> run(Map<String, Object> clientConfig, String topic, List<BenchCell> cells,
            int warmup, int records, PrintStream progress, boolean warmJvm) {
        AtomicInteger done = new AtomicInteger();
        try {
            Path cellsFile = Files.createTempFile("session11-cells-", ".tsv");
            Files.write(cellsFile, cells.stream().map(BenchCell::toLine).toList());
            cellsFile.toFile().deleteOnExit();
            List<String> output = BenchJvm.run(ProducerBenchMain.class.getName(),
                    List.of(BenchJvm.clientConfigFile(clientConfig).toString(), topic, cellsFile.toString(),
                            Integer.toString(warmup), Integer.toString(records), warmJvm ? "warm-jvm" : "cold"),
                    Duration.ofMinutes(5 + cells.size()), line -> {
                        if (progress != null && line.startsWith(ProducerBenchMain.RESULT)) {
                            CellResult result = CellResult.fromLine(line.substring(ProducerBenchMain.RESULT.length()));
                            progress.printf(Locale.ROOT, "  [%d/%d] %-40s %,10.0f records/s  p99 %7.1f ms%n",
                                    done.incrementAndGet(), cells.size(), result.label(), result.recordsPerSecond(),
                                    result.p99LatencyMs());
                        }
                    });
            List<CellResult> results = output.stream().filter(line -> line.startsWith(ProducerBenchMain.RESULT))
                    .map(line -> CellResult.fromLine(line.substring(ProducerBenchMain.RESULT.length()))).toList();
            if (results.size() != cells.size()) {
                throw new IllegalStateException("The bench reported " + results.size() + " of " + cells.size()
                        + " cells; output:\n" + String.join("\n", output));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
