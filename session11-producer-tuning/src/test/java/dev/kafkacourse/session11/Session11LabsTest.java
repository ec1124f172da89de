package dev.kafkacourse.session11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The session's benches in quick mode: they run, every record is acknowledged, and the producer's own metrics show
 * what the settings do (bigger batches, compressed batches). Never how fast: that is the benches' report, not a test.
 */
@KafkaTest
class Session11LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void matrixMeasuresEveryCellAndDrawsTheChart(KafkaFixture kafka, @TempDir Path dir) throws Exception {
        MatrixBench.Report report = MatrixBench.run(kafka, out, MatrixBench.Mode.QUICK, dir);

        assertThat(report.results()).hasSize(8).allSatisfy(result -> {
            assertThat(result.records()).isEqualTo(5_000);
            assertThat(result.failed()).isZero();
            assertThat(result.seconds()).isPositive();
            assertThat(result.p99LatencyMs()).isGreaterThanOrEqualTo(0);
            assertThat(result.batchSizeAvg()).isPositive();
        });
        for (int i = 0; i < report.points().size(); i++) {
            MatrixPoint point = report.points().get(i);
            CellResult result = report.results().get(i);
            if (point.compression().equals("none")) {
                assertThat(result.compressionRateAvg()).as(point.label()).isEqualTo(1.0);
            } else {
                // Ad-event JSON repeats its field names: zstd shrinks a batch to well under half.
                assertThat(result.compressionRateAvg()).as(point.label()).isLessThan(0.5);
            }
        }
        // Waiting up to 20 ms for 128 KiB batches makes bigger batches than sending at once into 16 KiB ones.
        assertThat(result(report, 20, 128 * 1024, "none").batchSizeAvg())
                .isGreaterThan(result(report, 0, 16 * 1024, "none").batchSizeAvg());

        String svg = Files.readString(report.svg());
        Document chart = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.svg().toFile());
        assertThat(chart.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.split("class=\"cell\"", -1)).hasSize(8 + 1);
        assertThat(Files.readString(report.markdown())).contains("| 20 | 128K | zstd | all |");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Fastest:");
    }

    private static CellResult result(MatrixBench.Report report, int linger, int batch, String compression) {
        List<MatrixPoint> points = report.points();
        for (int i = 0; i < points.size(); i++) {
            MatrixPoint point = points.get(i);
            if (point.lingerMs() == linger && point.batchSize() == batch && point.compression().equals(compression)) {
                return report.results().get(i);
            }
        }
        throw new AssertionError("no cell " + linger + "/" + batch + "/" + compression);
    }
}
