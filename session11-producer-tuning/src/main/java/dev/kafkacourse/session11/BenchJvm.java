package dev.kafkacourse.session11;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Runs a main class in a JVM of its own with this JVM's class path and the same JVM flags for every bench (the
 * course's and Kafka's perf tool), and returns its output lines. A bench that fails or hangs fails with its output.
 */
final class BenchJvm {

    /** The same for both benches: the heap kafka-run-class gives its tools by default is 256 MiB; a bit more here. */
    static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseG1GC");

    private BenchJvm() {
    }

    static List<String> run(String mainClass, List<String> args, Duration timeout) {
        return run(mainClass, args, timeout, line -> { });
    }

    /** As {@link #run(String, List, Duration)}, handing each output line to {@code onLine} as it arrives. */
    static List<String> run(String mainClass, List<String> args, Duration timeout,
            Consumer<String> onLine) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        onLine.accept(line);
                    }
                } catch (IOException e) {
                    // the process ended; what was read is kept
                }
            }, "bench-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish in " + timeout + "; output: " + lines);
            }
            reader.join(5_000);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + "; output:\n"
                        + String.join("\n", lines));
            }
            synchronized (lines) {
                return List.copyOf(lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + mainClass + " ran", e);
        }
    }

    /** The cluster's client settings (bootstrap servers, security) as a properties file a bench JVM can load. */
    static Path clientConfigFile(Map<String, Object> clientConfig) {
        Properties properties = new Properties();
        clientConfig.forEach((key, value) -> {
            if (!key.equals(CommonClientConfigs.CLIENT_ID_CONFIG)) {
                properties.setProperty(key, String.valueOf(value));
            }
        });
        try {
            Path file = Files.createTempFile("session11-client-", ".properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "client settings for a bench JVM");
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
