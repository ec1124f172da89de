package dev.kafkacourse.support.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * A Prometheus endpoint ({@code http://127.0.0.1:PORT/metrics}) for a lab's JVM: Micrometer's Prometheus registry
 * plus the Prometheus JMX exporter's collector over the MBeans of the JVM's Kafka clients and in-JVM brokers
 * (UnderReplicatedPartitions, OfflinePartitionsCount, ISR shrinks/expands, request rates). This is the one piece
 * the labs of every session share: {@code LabRunner} starts it when {@code COURSE_METRICS_PORT} (or
 * {@code -Dcourse.metrics.port}) is set, which {@code ./course monitoring up} tells you to do, so the Prometheus
 * it starts sees any lab's throughput, latency and lag. Session 14 builds on it with Micrometer's own binders.
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String PORT_ENV = "COURSE_METRICS_PORT";
    public static final String PORT_PROPERTY = "course.metrics.port";
    /** The port docker/prometheus/prometheus.yml and ./course monitoring scrape on this machine. */
    public static final int DEFAULT_PORT = 9404;

    private final PrometheusMeterRegistry registry;
    /** The JMX collector in use; swapped, never registered twice (each collector also exports jmx_* metrics). */
    private volatile JmxCollector jmx;
    private final HttpServer server;
    private boolean clientJmxRegistered = true;

    private MetricsEndpoint(int port) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        jmx = collector("kafka-client-jmx.yml", "kafka-broker-jmx.yml");
        MultiCollector currentJmx = () -> jmx.collect();
        registry.getPrometheusRegistry().register(currentJmx);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "): another program holds the port; set " + PORT_ENV + " to a free one", e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves metrics on {@code port} of 127.0.0.1 (0: any free port). */
    public static MetricsEndpoint start(int port) {
        return new MetricsEndpoint(port);
    }

    private static MetricsEndpoint shared;

    /** Starts the JVM's shared endpoint (LabRunner does, when asked to); labs find it with {@link #shared()}. */
    public static synchronized MetricsEndpoint startShared(int port) {
        if (shared == null) {
            shared = start(port);
        }
        return shared;
    }

    /** The JVM's shared endpoint, when LabRunner started one. */
    public static synchronized Optional<MetricsEndpoint> shared() {
        return Optional.ofNullable(shared);
    }

    public static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** The port asked for by {@value #PORT_ENV} or {@code -D}{@value #PORT_PROPERTY}, if any. */
    public static Optional<Integer> requestedPort() {
        String value = System.getProperty(PORT_PROPERTY, System.getenv(PORT_ENV));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_ENV + "=" + value + " is not a port number; use e.g. "
                    + PORT_ENV + "=" + DEFAULT_PORT, e);
        }
    }

    /** The Micrometer registry behind the endpoint: bind meters here to have them scraped. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Client metrics come from Micrometer's binders from now on (they carry the same names): stops exporting the
     * clients' JMX MBeans, which would otherwise appear twice.
     */
    public synchronized MetricsEndpoint clientMetricsFromMicrometer() {
        if (clientJmxRegistered) {
            jmx = collector("kafka-broker-jmx.yml");
            clientJmxRegistered = false;
        }
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/metrics";
    }

    /** The text Prometheus gets when it scrapes the endpoint. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        server.stop(0);
        registry.close();
    }

    /** A JMX collector with the rules (and object name filters) of the given rule files together. */
    @SuppressWarnings("unchecked")
    private static JmxCollector collector(String... ruleFiles) {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<Object> includes = new ArrayList<>();
        List<Object> rules = new ArrayList<>();
        for (String file : ruleFiles) {
            try (InputStream in = MetricsEndpoint.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + file + " next to " + MetricsEndpoint.class);
                }
                Map<String, Object> config = new Yaml().load(in);
                merged.putAll(config);
                includes.addAll((List<Object>) config.get("includeObjectNames"));
                rules.addAll((List<Object>) config.get("rules"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        merged.put("includeObjectNames", includes);
        merged.put("rules", rules);
        try {
            JmxCollector collector = new JmxCollector(new Yaml().dump(merged));
            // register() also creates the collector's own jmx_* meters, which collect() needs; they go to a
            // registry of their own, so that swapping collectors never exports a name twice.
            collector.register(new io.prometheus.metrics.model.registry.PrometheusRegistry());
            return collector;
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException("bad object name in " + List.of(ruleFiles), e);
        }
    }
}
