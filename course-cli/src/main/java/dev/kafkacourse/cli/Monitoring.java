package dev.kafkacourse.cli;

import dev.kafkacourse.support.metrics.MetricsEndpoint;
import dev.kafkacourse.support.metrics.PrometheusServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./course monitoring up|status|down}: a real Prometheus (Debian's, installed by
 * {@code tools/install-prometheus.sh}) as a background process that scrapes the labs' metrics endpoint
 * ({@code COURSE_METRICS_PORT=9404}) every second and loads the course's alert rules. Its config, data and log
 * live in {@code .course/monitoring/}; {@code down} stops exactly the process {@code up} started.
 */
final class Monitoring {

    static final int PORT = 19090;

    private final Path root;
    private final Path home;
    private final PrintStream out;

    Monitoring(Path root, PrintStream out) {
        this.root = root;
        this.home = root.resolve(".course/monitoring");
        this.out = out;
    }

    int run(List<String> args) {
        String action = args.isEmpty() ? "status" : args.get(0);
        return switch (action) {
            case "up" -> up();
            case "down" -> down();
            case "status" -> status();
            default -> throw new CourseCli.UsageException("Unknown monitoring action '" + action
                    + "'. Use: ./course monitoring up | status | down");
        };
    }

    private int up() {
        if (running().isPresent()) {
            out.println("Prometheus is already running (pid " + running().get().pid() + ").");
            printHowTo();
            return CourseCli.OK;
        }
        if (PrometheusServer.binary().isEmpty()) {
            out.println("✗ prometheus is not installed. Install it with: " + PrometheusServer.INSTALLER
                    + " (Debian's prometheus package), or use docker/monitoring.yml (Prometheus + Grafana in Docker).");
            return CourseCli.USAGE;
        }
        // Detached from this short-lived JVM: it keeps running after ./course exits, until `down`.
        PrometheusServer prometheus = PrometheusServer.startDetached(home, PORT,
                List.of("127.0.0.1:" + MetricsEndpoint.DEFAULT_PORT),
                Optional.of(root.resolve("docker/prometheus/alerts.yml")), Duration.ofSeconds(1));
        write(pidFile(), String.valueOf(prometheus.pid()));
        out.println("Prometheus is up (pid " + prometheus.pid() + "), data and log in " + root.relativize(home));
        printHowTo();
        return CourseCli.OK;
    }

    private void printHowTo() {
        String base = "http://127.0.0.1:" + PORT;
        out.println("""

                  Prometheus      %s           (Status > Targets: the labs' endpoint; Alerts: the course's rules)
                  Dashboard       %s
                  Labs send their metrics when COURSE_METRICS_PORT is set, in any session:
                    export %s=%d
                    ./course lab 14 live          # or e.g. ./course lab 08 aggregator, ./course lab 13 ...
                  Grafana with the same dashboard and rules: docker compose -f docker/monitoring.yml up -d
                  Stop: ./course monitoring down
                """.formatted(base, dashboardUrl(base), MetricsEndpoint.PORT_ENV, MetricsEndpoint.DEFAULT_PORT));
    }

    /** Prometheus' graph page with every panel query of the Grafana dashboard, one graph each. */
    private String dashboardUrl(String base) {
        StringBuilder url = new StringBuilder(base).append("/graph?");
        try {
            JsonNode dashboard = new ObjectMapper().readTree(
                    Files.readString(root.resolve("docker/grafana/dashboards/kafka-course.json")));
            int i = 0;
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    url.append(i == 0 ? "" : "&").append("g").append(i).append(".expr=")
                            .append(URLEncoder.encode(target.path("expr").asString(), StandardCharsets.UTF_8))
                            .append("&g").append(i).append(".tab=0&g").append(i).append(".range_input=5m");
                    i++;
                }
            }
            return url.toString();
        } catch (IOException e) {
            return base + "/graph";
        }
    }

    private int down() {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            out.println("Prometheus is not running.");
            deleteQuietly(pidFile());
            return CourseCli.OK;
        }
        process.get().destroy(); // SIGTERM: Prometheus flushes and exits
        try {
            process.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception slow) {
            process.get().destroyForcibly();
        }
        deleteQuietly(pidFile());
        out.println("Prometheus stopped (pid " + process.get().pid() + ").");
        return CourseCli.OK;
    }

    private int status() {
        Optional<ProcessHandle> process = running();
        out.println(process.map(p -> "Prometheus is running (pid " + p.pid() + ") at http://127.0.0.1:" + PORT
                + ", scraping 127.0.0.1:" + MetricsEndpoint.DEFAULT_PORT)
                .orElse("Prometheus is not running. Start it: ./course monitoring up"));
        return CourseCli.OK;
    }

    /** The process `up` started, if it still runs (and is still a prometheus, not a recycled pid). */
    private Optional<ProcessHandle> running() {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("prometheus")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return home.resolve("prometheus.pid");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to clean up then
        }
    }
}
