package dev.kafkacourse.session11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs cells with the course's bench ({@link ProducerBenchMain}) in a JVM of its own and reads its results. */
final class CourseBench {

    private CourseBench() {
    }

    static List<CellResult> run(Map<String, Object> clientConfig, String topic, List<BenchCell> cells, int warmup,
            int records) {
        try {
            Path cellsFile = Files.createTempFile("session11-cells-", ".tsv");
            Files.write(cellsFile, cells.stream().map(BenchCell::toLine).toList());
            cellsFile.toFile().deleteOnExit();
            List<String> output = BenchJvm.run(ProducerBenchMain.class.getName(),
                    List.of(BenchJvm.clientConfigFile(clientConfig).toString(), topic, cellsFile.toString(),
                            Integer.toString(warmup), Integer.toString(records)),
                    Duration.ofMinutes(5 + cells.size()));
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
