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
 * Bench: what serialization in the send loop, {@code max.in.flight.requests.per.connection} and idempotence cost,
 * each against the same baseline (Kafka's defaults, ad events serialized to JSON before the loop). Runs in a bench
 * JVM of its own; prints records/s, p99, the serializer's own time per record, and each row's ratio to the baseline.
 *
 * <p>Args: {@code quick} (5,000 timed records per row, one round; the default) or {@code full} (60,000, three
 * rounds in rotated order, the median run of each row reported).
 */
public final class CostLab {

    static final String BASELINE = "baseline: JSON bytes, defaults";

    /** One row of the report. */
    record Row(CellResult result, double ratioToBaseline) {
    }

    private CostLab() {
    }

    public static void main(String[] args) {
        boolean full = args.length > 0 && args[0].equals("full");
        LabRunner.run("session11 serialization-cost", (kafka, out) -> run(kafka, out, full ? 60_000 : 5_000, cells(),
                full ? 3 : 1, true));
    }

    static List<BenchCell> cells() {
        Map<String, String> defaults = Map.of();
        return List.of(
                new BenchCell(BASELINE, defaults, Payload.JSON_BYTES),
                new BenchCell("JSON serializer inside send()", defaults, Payload.JSON_OBJECTS),
                new BenchCell("max.in.flight.requests.per.connection=1", Map.of(
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"), Payload.JSON_BYTES),
                new BenchCell("enable.idempotence=false", Map.of(
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"), Payload.JSON_BYTES),
                new BenchCell("enable.idempotence=false, acks=1", Map.of(
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false", ProducerConfig.ACKS_CONFIG, "1"),
                        Payload.JSON_BYTES));
    }

    /**
     * The given rows (the first is the baseline the others are compared with), {@code rounds} times in rotated
     * order, so that no row always runs first or last; each row's median run is reported. With {@code warmJvm}
     * the baseline runs once more first, unreported.
     */
    static List<Row> run(KafkaFixture kafka, PrintStream out, int records, List<BenchCell> cells, int rounds,
            boolean warmJvm) {
        String topic = kafka.createTopic("ad-events", 3);
        int warmup = records / 5;
        List<BenchCell> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < cells.size(); i++) {
                runs.add(cells.get((i + round) % cells.size()));
            }
        }
        out.printf("%d rows × %d round(s) × (%,d warm-up + %,d timed) ad events to %s, in a bench JVM of its own%n"
                + "(%seach row: its median run)%n%n", cells.size(), rounds, warmup, records, topic,
                warmJvm ? "the baseline also runs once unreported first, to warm the JVM and the broker; " : "");
        List<CellResult> all = warmJvm ? CourseBench.runWarm(kafka.producerConfig(), topic, runs, warmup, records, null)
                : CourseBench.run(kafka.producerConfig(), topic, runs, warmup, records);
        List<CellResult> results = cells.stream().map(cell -> median(all, cell.label())).toList();
        double baseline = results.get(0).recordsPerSecond();
        out.println("| setting | records/s | vs baseline | p99 ms | serializer µs/record | records-per-request-avg |");
        out.println("|---|---:|---:|---:|---:|---:|");
        List<Row> rows = results.stream().map(r -> new Row(r, r.recordsPerSecond() / baseline)).toList();
        for (Row row : rows) {
            CellResult r = row.result();
            out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %.1f | %.2f | %.1f |%n", r.label(), r.recordsPerSecond(),
                    row.ratioToBaseline(), r.p99LatencyMs(), r.serializeMicrosPerRecord(), r.recordsPerRequestAvg());
        }
        return rows;
    }

    private static CellResult median(List<CellResult> all, String label) {
        List<CellResult> of = all.stream().filter(r -> r.label().equals(label))
                .sorted(Comparator.comparingDouble(CellResult::recordsPerSecond)).toList();
        return of.get(of.size() / 2);
    }
}
