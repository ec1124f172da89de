package dev.kafkacourse.session11;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark, {@code org.apache.kafka.tools.ProducerPerformance} (what
 * {@code bin/kafka-producer-perf-test.sh} runs), started in a JVM of its own with the same flags as the course's
 * bench, and its summary line read back.
 */
final class PerfTool {

    static final String MAIN = "org.apache.kafka.tools.ProducerPerformance";

    /** "...records sent, 123.4 records/sec (0.01 MB/sec), 1.50 ms avg latency, 9.00 ms max latency, 1 ms 50th, ..." */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+)( steady state)? records sent, ([\\d.]+) records/sec"
            + " \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th,"
            + " (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th.");

    /** One perf-tool run's summary (the steady-state line when there were warm-up records). */
    record Summary(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs,
            double p99LatencyMs) {
    }

    private PerfTool() {
    }

    /** The command line a learner would type for the same run. */
    static List<String> args(String topic, int warmup, int records, int recordSize, Map<String, String> overrides,
            String clientConfigFile) {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records",
                Integer.toString(warmup + records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--command-config", clientConfigFile));
        if (warmup > 0) {
            args.addAll(List.of("--warmup-records", Integer.toString(warmup)));
        }
        if (!overrides.isEmpty()) {
            args.add("--command-property");
            overrides.forEach((key, value) -> args.add(key + "=" + value));
        }
        return args;
    }

    static Summary run(Map<String, Object> clientConfig, String topic, int warmup, int records, int recordSize,
            Map<String, String> overrides) {
        String configFile = BenchJvm.clientConfigFile(clientConfig).toString();
        List<String> output = BenchJvm.run(MAIN, args(topic, warmup, records, recordSize, overrides, configFile),
                Duration.ofMinutes(5));
        return parse(output, warmup > 0);
    }

    static Summary parse(List<String> output, boolean steadyState) {
        for (String line : output) {
            Matcher summary = SUMMARY.matcher(line);
            if (summary.find() && (summary.group(2) != null) == steadyState) {
                return new Summary(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(3)),
                        Double.parseDouble(summary.group(4)), Double.parseDouble(summary.group(5)),
                        Double.parseDouble(summary.group(9)));
            }
        }
        throw new IllegalStateException("No summary line in the perf tool's output:\n" + String.join("\n", output));
    }
}
