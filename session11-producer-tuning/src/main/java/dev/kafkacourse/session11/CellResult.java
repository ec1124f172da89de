package dev.kafkacourse.session11;

import java.util.Locale;

/**
 * What one bench run measured. Throughput and acknowledgement latency are timed by the bench (from just before
 * {@code send()} to the callback, as Kafka's perf tool does); the rest are the producer's own metrics.
 *
 * @param label the cell's label
 * @param records records timed (warm-up records excluded)
 * @param failed records whose callback reported an error
 * @param seconds from the first timed send to the last timed acknowledgement
 * @param valueBytes bytes of the timed values
 * @param avgLatencyMs average acknowledgement latency
 * @param p99LatencyMs 99th percentile acknowledgement latency
 * @param batchSizeAvg producer metric {@code batch-size-avg} (bytes per batch, after compression)
 * @param compressionRateAvg producer metric {@code compression-rate-avg} (compressed / uncompressed; 1 = none)
 * @param recordQueueTimeAvgMs producer metric {@code record-queue-time-avg} (time a batch waits in the accumulator)
 * @param requestLatencyAvgMs producer metric {@code request-latency-avg} (produce request round trip)
 * @param recordsPerRequestAvg producer metric {@code records-per-request-avg}
 * @param serializeMicrosPerRecord time spent in the value serializer per record (0 when values are byte arrays)
 */
public record CellResult(String label, long records, long failed, double seconds, long valueBytes,
        double avgLatencyMs, double p99LatencyMs, double batchSizeAvg, double compressionRateAvg,
        double recordQueueTimeAvgMs, double requestLatencyAvgMs, double recordsPerRequestAvg,
        double serializeMicrosPerRecord) {

    public double recordsPerSecond() {
        return records / seconds;
    }

    /** MiB/s of values, as kafka-producer-perf-test reports its "MB/sec". */
    public double megabytesPerSecond() {
        return valueBytes / seconds / (1024 * 1024);
    }

    String toLine() {
        return String.join("\t", label, Long.toString(records), Long.toString(failed), num(seconds),
                Long.toString(valueBytes), num(avgLatencyMs), num(p99LatencyMs), num(batchSizeAvg),
                num(compressionRateAvg), num(recordQueueTimeAvgMs), num(requestLatencyAvgMs),
                num(recordsPerRequestAvg), num(serializeMicrosPerRecord));
    }

    static CellResult fromLine(String line) {
        String[] f = line.split("\t", -1);
        return new CellResult(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                Double.parseDouble(f[11]), Double.parseDouble(f[12]));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
