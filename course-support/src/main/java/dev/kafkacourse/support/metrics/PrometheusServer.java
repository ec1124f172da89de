package dev.kafkacourse.support.metrics;

import dev.kafkacourse.support.process.HttpReadiness;
import dev.kafkacourse.support.process.TiedProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real Prometheus server (Debian's {@code prometheus}, installed by {@code tools/install-prometheus.sh}) run as a
 * child process: a generated config that scrapes the given targets every second and loads the course's alert
 * rules, its data in a folder of its own, and a small client for its HTTP query API. Used by
 * {@code ./course monitoring up} and by session 14's tests.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String INSTALLER = "tools/install-prometheus.sh";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessHandle process;
    private final Optional<TiedProcess> tied;
    private final URI url;
    private final Path home;

    private PrometheusServer(ProcessHandle process, Optional<TiedProcess> tied, URI url, Path home) {
        this.process = process;
        this.tied = tied;
        this.url = url;
        this.home = home;
    }

    /** The {@code prometheus} binary on the PATH, if installed. */
    public static Optional<Path> binary() {
        return executable("prometheus");
    }

    /** The {@code promtool} binary on the PATH, if installed. */
    public static Optional<Path> promtool() {
        return executable("promtool");
    }

    /** The Prometheus config: scrape {@code targets} (host:port, path /metrics) every {@code interval}. */
    public static String config(List<String> targets, Optional<Path> ruleFile, Duration interval) {
        String seconds = interval.toSeconds() + "s";
        return """
                # Written by the course (dev.kafkacourse.support.metrics.PrometheusServer).
                global:
                  scrape_interval: %s
                  evaluation_interval: %s
                %s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ["%s"]
                  - job_name: ad-stats
                    metrics_path: /metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(seconds, seconds,
                ruleFile.map(file -> "rule_files:\n  - \"" + file.toAbsolutePath() + "\"").orElse(""),
                "%PROMETHEUS%",
                targets.stream().map(target -> "\"" + target + "\"").collect(Collectors.joining(", ")));
    }

    /**
     * Starts Prometheus on 127.0.0.1:{@code port} with its config and data under {@code home}, and waits until it
     * is ready. It is tied to this JVM: {@link #close()} stops it, and so does this JVM's end, SIGKILL included.
     */
    public static PrometheusServer start(Path home, int port, List<String> targets, Optional<Path> ruleFile,
            Duration interval) {
        return start(home, port, targets, ruleFile, interval, true);
    }

    /**
     * The same, but left running after this JVM exits ({@code ./course monitoring up}; {@code down} stops it by
     * its pid).
     */
    public static PrometheusServer startDetached(Path home, int port, List<String> targets, Optional<Path> ruleFile,
            Duration interval) {
        return start(home, port, targets, ruleFile, interval, false);
    }

    private static PrometheusServer start(Path home, int port, List<String> targets, Optional<Path> ruleFile,
            Duration interval, boolean tiedToThisJvm) {
        Path prometheus = binary().orElseThrow(() -> new IllegalStateException(
                "prometheus is not installed: run " + INSTALLER + " (Debian's prometheus package)"));
        try {
            Files.createDirectories(home.resolve("data"));
            Path config = home.resolve("prometheus.yml");
            String address = "127.0.0.1:" + port;
            Files.writeString(config, config(targets, ruleFile, interval).replace("%PROMETHEUS%", address));
            List<String> command = List.of(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + home.resolve("data"), "--web.listen-address=" + address,
                    "--web.enable-lifecycle");
            Path log = home.resolve("prometheus.log");
            PrometheusServer server;
            if (tiedToThisJvm) {
                TiedProcess process = TiedProcess.start(command, log);
                server = new PrometheusServer(process.child(), Optional.of(process), URI.create("http://" + address),
                        home);
            } else {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                server = new PrometheusServer(process.toHandle(), Optional.empty(), URI.create("http://" + address),
                        home);
            }
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus in " + home, e);
        }
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code /api/v1/query}: the result vector of an instant query (throws on a PromQL error). */
    public JsonNode query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asString())) {
            throw new IllegalArgumentException("PromQL failed: " + promql + ": " + body.path("error").asString());
        }
        return body.path("data").path("result");
    }

    /** The single value of an instant query that returns one series, or empty when it returns none. */
    public Optional<Double> value(String promql) {
        JsonNode result = query(promql);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        if (result.size() > 1) {
            throw new IllegalStateException(promql + " returned " + result.size() + " series: " + result);
        }
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asString()));
    }

    /** {@code /api/v1/targets}: the active targets with their health ("up", "down", "unknown"). */
    public JsonNode targets() {
        return get("/api/v1/targets").path("data").path("activeTargets");
    }

    /** {@code /api/v1/rules}: the loaded rule groups. */
    public JsonNode rules() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** The server's log so far (for failure messages). */
    public String log() {
        try {
            return Files.readString(home.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url.resolve(path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus at " + url + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady(Duration timeout) {
        switch (HttpReadiness.await(url.resolve("/-/ready"), process::isAlive, timeout)) {
            case READY -> { }
            case EXITED -> throw new IllegalStateException("prometheus exited:\n" + log());
            case TIMED_OUT -> {
                close();
                throw new IllegalStateException("prometheus was not ready within " + timeout + ":\n" + log());
            }
        }
    }

    @Override
    public void close() {
        // SIGTERM first: Prometheus shuts down cleanly.
        tied.ifPresentOrElse(TiedProcess::stop, () -> TiedProcess.stop(process));
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
