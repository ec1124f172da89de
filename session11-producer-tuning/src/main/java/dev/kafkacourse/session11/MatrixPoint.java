package dev.kafkacourse.session11;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One point of the tuning matrix: {@code linger.ms} × {@code batch.size} × {@code compression.type} × {@code acks}.
 * Everything else stays at Kafka's defaults (idempotence on, 5 requests in flight).
 */
public record MatrixPoint(int lingerMs, int batchSize, String compression, String acks) {

    public static final List<Integer> FULL_LINGER = List.of(0, 5, 20, 100);
    public static final List<Integer> FULL_BATCH = List.of(16 * 1024, 128 * 1024, 1024 * 1024);
    public static final List<String> FULL_COMPRESSION = List.of("none", "lz4", "zstd", "gzip", "snappy");
    public static final List<String> FULL_ACKS = List.of("1", "all");

    /** Every combination of the given values, linger slowest-changing. */
    public static List<MatrixPoint> grid(List<Integer> lingers, List<Integer> batches, List<String> compressions,
            List<String> acks) {
        List<MatrixPoint> points = new ArrayList<>();
        for (int linger : lingers) {
            for (int batch : batches) {
                for (String compression : compressions) {
                    for (String ack : acks) {
                        points.add(new MatrixPoint(linger, batch, compression, ack));
                    }
                }
            }
        }
        return points;
    }

    /** The row of the chart: "linger 5 ms, batch 128K". */
    String row() {
        return "linger " + lingerMs + " ms · batch " + kib(batchSize);
    }

    /** The column of the chart: "lz4 · acks=all". */
    String column() {
        return compression + " · acks=" + acks;
    }

    String label() {
        return "linger=" + lingerMs + " batch=" + kib(batchSize) + " " + compression + " acks=" + acks;
    }

    BenchCell cell(Payload payload) {
        // acks=1 cannot go with idempotence (it needs acks=all): it is switched off for those cells, as a producer
        // left at the defaults with acks=1 does by itself.
        String idempotence = acks.equals("all") ? "true" : "false";
        return new BenchCell(label(), Map.of(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence), payload);
    }

    static String kib(int bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "M" : bytes / 1024 + "K";
    }
}
