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
            assertThat(result.records()).isEqualTo(MatrixBench.QUICK_RECORDS);
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

    @Test
    void courseBenchAndKafkasPerfToolRunSideBySide(KafkaFixture kafka) {
        // The tuned settings only: every bench run is a JVM of its own, and the lab's quick mode runs both.
        PerfToolComparison.Report report = PerfToolComparison.run(kafka, out, List.of(100), List.of("tuned"), 1,
                2_000);

        assertThat(report.runs()).hasSize(2).allSatisfy(run -> {
            assertThat(run.records()).isEqualTo(2_000);
            assertThat(run.recordsPerSecond()).isPositive();
        });
        assertThat(report.runs()).extracting(PerfToolComparison.Run::tool)
                .containsExactlyInAnyOrder(PerfToolComparison.Tool.COURSE, PerfToolComparison.Tool.PERF_TOOL);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("| 100 B | tuned |", "course / perf tool");
    }

    @Test
    void costLabMeasuresTheSerializerOnlyWhereItRunsInsideSend(KafkaFixture kafka) {
        // The baseline and the serializer row: each row is a producer of its own; the lab runs all of them.
        List<CostLab.Row> rows = CostLab.run(kafka, out, 1_000, CostLab.cells().subList(0, 2), 1,
                false);

        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.result().records()).isEqualTo(1_000);
            assertThat(row.result().failed()).isZero();
        });
        assertThat(rows.get(0).ratioToBaseline()).isEqualTo(1.0);
        assertThat(rows.get(1).result().serializeMicrosPerRecord()).isPositive();
        assertThat(rows.get(0).result().serializeMicrosPerRecord()).isZero();
        // The same events either way: the serializer made exactly the bytes the pre-serialized run sent.
        assertThat(rows.get(1).result().valueBytes()).isEqualTo(rows.get(0).result().valueBytes());
    }

    @Test
    void perfToolSummaryLinesAreRead() {
        List<String> output = List.of("2000 records sent, 9523.809524 records/sec (0.91 MB/sec), 150.21 ms avg "
                        + "latency, 310.00 ms max latency, 140 ms 50th, 290 ms 95th, 305 ms 99th, 310 ms 99.9th.",
                "1800 steady state records sent, 10000.000000 records/sec (0.95 MB/sec), 120.50 ms avg latency, "
                        + "300.00 ms max latency, 110 ms 50th, 280 ms 95th, 299 ms 99th, 300 ms 99.9th.");

        assertThat(PerfTool.parse(output, false)).isEqualTo(new PerfTool.Summary(2000, 9523.809524, 0.91, 150.21,
                305));
        assertThat(PerfTool.parse(output, true)).isEqualTo(new PerfTool.Summary(1800, 10000, 0.95, 120.5, 299));
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
