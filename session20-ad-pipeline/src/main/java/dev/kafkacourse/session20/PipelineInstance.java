package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the pipeline in this JVM: the collector's producer, session 19's exactly-once stats application
 * (announcing this instance's HTTP address to the others as {@code application.server}), the campaign directory
 * and the Spring Boot web server in front of them. Several instances with the same application id share the work;
 * closing one lets the others take over its partitions.
 */
public final class PipelineInstance implements AutoCloseable {

    /** Tomcat logs through java.util.logging; held here so the level is not lost when the logger is collected. */
    private static final java.util.logging.Logger TOMCAT_LOGS = java.util.logging.Logger.getLogger("org.apache");

    private final PipelineSettings settings;
    private final HostInfo self;
    private final KafkaProducer<String, byte[]> producer;
    private final AdStatsApp stats;
    private final CampaignDirectory campaigns;
    private final StatsQueries queries;
    private ConfigurableApplicationContext web;

    private PipelineInstance(PipelineSettings settings) {
        this.settings = settings;
        this.self = new HostInfo("localhost", settings.httpPort());
        this.producer = new KafkaProducer<>(settings.producerConfig(), new StringSerializer(),
                new ByteArraySerializer());
        Map<String, Object> streamsClient = new HashMap<>(settings.clientConfig());
        streamsClient.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        // An instance that dies without leaving the group (SIGKILL, a lost host) keeps its partitions, and so the
        // stats of its campaigns, frozen until its session times out: 10 s instead of Kafka's 45 s default. The
        // instances run next to the brokers, where a 3 s heartbeat does not miss three in a row by accident.
        streamsClient.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        streamsClient.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        this.stats = AdStatsApp.start(settings.stats(), streamsClient, settings.applicationId());
        this.campaigns = new CampaignDirectory(settings.clientConfig(), settings.campaignsTopic());
        this.queries = new StatsQueries(stats, self);
    }

    /** Starts an instance and returns once its stats stage runs and its HTTP port answers. */
    public static PipelineInstance start(PipelineSettings settings) {
        // Keep the course's logback settings: Boot would otherwise reset logging when the context starts.
        if (System.getProperty("org.springframework.boot.logging.LoggingSystem") == null) {
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            TOMCAT_LOGS.setLevel(java.util.logging.Level.WARNING);
        }
        PipelineInstance instance = new PipelineInstance(settings);
        try {
            instance.web = new SpringApplicationBuilder(PipelineWeb.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("pipelineInstance", instance))
                    .properties(Map.of(
                            "server.port", settings.httpPort(),
                            "server.address", "127.0.0.1",
                            "spring.main.banner-mode", "off",
                            "spring.main.log-startup-info", "false",
                            "spring.application.name", settings.applicationId(),
                            "management.endpoints.web.exposure.include", "health,prometheus",
                            "spring.mvc.async.request-timeout", "60000",
                            "logging.level.root", "WARN",
                            "server.tomcat.threads.max", "64"))
                    .run();
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    /** A free local port, for an instance's HTTP server (Streams must know it before the server starts). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    Collector newCollector(MeterRegistry registry) {
        IntakeGate gate = new IntakeGate(producer, settings.stats().inputTopic(), settings.maxInFlight());
        return new Collector(gate, producer, settings.stats().inputTopic(), registry);
    }

    public String url() {
        return "http://localhost:" + settings.httpPort();
    }

    public HostInfo self() {
        return self;
    }

    public PipelineSettings settings() {
        return settings;
    }

    public AdStatsApp stats() {
        return stats;
    }

    public StatsQueries queries() {
        return queries;
    }

    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    public Dashboard.Snapshot snapshot() {
        return Dashboard.snapshot(queries, campaigns.all(), Instant.now());
    }

    /** Stops the web server first (no new requests), then flushes the producer and stops Streams. */
    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        producer.close(java.time.Duration.ofSeconds(10));
        campaigns.close();
        stats.close();
    }
}
