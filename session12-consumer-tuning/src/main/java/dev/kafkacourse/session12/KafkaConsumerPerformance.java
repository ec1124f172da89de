package dev.kafkacourse.session12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Runs Kafka's own consumer benchmark ({@code kafka-consumer-perf-test.sh}, class {@link ConsumerPerformance}) in
 * a JVM of its own, as the script does, and reads its one line of figures.
 */
final class KafkaConsumerPerformance {

    /**
     * The tool's figures; its {@code fetch.*} rates leave out the time spent joining the group, like the course's
     * own bench.
     */
    record Figures(long records, double megabytes, double fetchMillis, double fetchMegabytesPerSecond,
            double fetchRecordsPerSecond, String line) {
    }

    private KafkaConsumerPerformance() {
    }

    /**
     * Consumes {@code records} records of {@code topic} with a new group and {@code properties} as overrides, in a
     * JVM of its own (as {@code kafka-consumer-perf-test.sh} runs).
     */
    static Figures run(String bootstrapServers, Map<String, Object> clientSettings, String topic, long records,
            String group, Map<String, Object> properties) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), ConsumerPerformance.class.getName()));
        command.addAll(arguments(bootstrapServers, clientSettings, topic, records, group, properties));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ConsumerPerformance failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same tool in this JVM (its {@code main}, output captured): no JVM start, for the quick run in tests. A
     * failure that would make the tool exit the JVM throws instead.
     */
    static Figures runInThisJvm(String bootstrapServers, Map<String, Object> clientSettings, String topic,
            long records, String group, Map<String, Object> properties) {
        List<String> args = arguments(bootstrapServers, clientSettings, topic, records, group, properties);
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("ConsumerPerformance exited with " + status + ": " + message);
        });
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConsumerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
            org.apache.kafka.common.utils.Exit.resetExitProcedure();
        }
        return parse(captured.toString(StandardCharsets.UTF_8));
    }

    private static List<String> arguments(String bootstrapServers, Map<String, Object> clientSettings, String topic,
            long records, String group, Map<String, Object> properties) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--topic", topic,
                "--num-records", String.valueOf(records), "--group", group, "--timeout", "30000"));
        // Security settings of the course's cluster (none for the embedded broker; SASL/TLS on MSK).
        clientSettings.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers") && !key.equals("client.id")) {
                args.addAll(List.of("--command-property", key + "=" + value));
            }
        });
        properties.forEach((key, value) -> args.addAll(List.of("--command-property", key + "=" + value)));
        return args;
    }

    /**
     * The line after the header {@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
     * nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}.
     */
    static Figures parse(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("start.time")) {
                String[] f = lines[i + 1].split(",\\s*");
                return new Figures(Long.parseLong(f[4].trim()), Double.parseDouble(f[2]), Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]), Double.parseDouble(f[9]), lines[i + 1].trim());
            }
        }
        throw new IllegalStateException("No figures in ConsumerPerformance's output: " + output);
    }
}
