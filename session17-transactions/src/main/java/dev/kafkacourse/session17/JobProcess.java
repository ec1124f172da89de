package dev.kafkacourse.session17;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * {@link StatsJobMain} in a JVM of its own, started with this JVM's class path, so that it can be killed the way
 * real processes die: {@link #kill()} sends SIGKILL ({@code destroyForcibly}), which runs no shutdown hook and lets
 * the clients close nothing. Its output lines are collected (and echoed, prefixed, if asked).
 */
public final class JobProcess implements AutoCloseable {

    private final Process process;
    private final String name;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private JobProcess(Process process, String name, PrintStream echo) {
        this.process = process;
        this.name = name;
        this.reader = new Thread(() -> collect(echo), "job-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the job with {@code jobArgs} (see {@link StatsJobMain}); connection settings come from
     * {@code clientConfig} through a properties file, so a secured cluster works the same.
     */
    public static JobProcess start(String name, Map<String, Object> clientConfig, List<String> jobArgs,
            PrintStream echo) throws IOException {
        Path configFile = Files.createTempFile("eos-job-client-", ".properties");
        Properties properties = new Properties();
        clientConfig.forEach((key, value) -> {
            if (!key.equals(CommonClientConfigs.CLIENT_ID_CONFIG)) {
                properties.setProperty(key, String.valueOf(value));
            }
        });
        try (OutputStream file = Files.newOutputStream(configFile)) {
            properties.store(file, "client settings of the exactly-once job");
        }
        configFile.toFile().deleteOnExit();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Client-only JVM: small heap, quick start.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), StatsJobMain.class.getName(),
                "--client-config", configFile.toString()));
        command.addAll(jobArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new JobProcess(process, name, echo);
    }

    /** Waits for an output line matching {@code wanted}; fails with the output so far if the job dies first. */
    public String awaitLine(Predicate<String> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                Optional<String> match = lines.stream().filter(wanted).findFirst();
                if (match.isPresent()) {
                    return match.get();
                }
                boolean finished = !reader.isAlive();
                long left = deadline - System.nanoTime();
                if (finished || left <= 0) {
                    throw new IllegalStateException(name + ": no line with " + what
                            + (finished ? " before the process ended (exit " + exitCode() + ")" : " within " + timeout)
                            + "; output:\n  " + String.join("\n  ", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for a line starting with {@code prefix}. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(line -> line.startsWith(prefix), "\"" + prefix + "\"", timeout);
    }

    /** SIGKILL, then waits until the process is gone. Returns the exit code (137 = killed by signal 9). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join(5_000);
        return process.exitValue();
    }

    /** Waits for the process to end by itself. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not exit within " + timeout + "; output:\n  "
                    + String.join("\n  ", lines()));
        }
        reader.join(5_000);
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    private void collect(PrintStream echo) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (echo != null) {
                    echo.println("    [" + name + "] " + line);
                }
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed: its output simply ends.
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
