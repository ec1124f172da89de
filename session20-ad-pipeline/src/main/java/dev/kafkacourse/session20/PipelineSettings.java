package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * One pipeline instance's settings.
 *
 * @param clientConfig   bootstrap servers and security (the course fixture's, or an MSK client profile)
 * @param stats          session 19's topics, window, grace and commit interval
 * @param campaignsTopic the compacted {@code campaigns} topic of session 13 (budgets)
 * @param applicationId  Streams' application.id: the same for every instance of one pipeline
 * @param httpPort       where this instance serves the collector, the query API and the dashboard
 * @param maxInFlight    how many events the collector lets wait for the producer's acknowledgement at once
 */
public record PipelineSettings(Map<String, Object> clientConfig, AdStatsConfig stats, String campaignsTopic,
        String applicationId, int httpPort, int maxInFlight) {

    public PipelineSettings {
        clientConfig = Map.copyOf(clientConfig);
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(campaignsTopic, "campaignsTopic");
        Objects.requireNonNull(applicationId, "applicationId");
        if (httpPort <= 0) {
            throw new IllegalArgumentException("httpPort must be a real port (Streams announces it to the other "
                    + "instances as application.server), was " + httpPort);
        }
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
        }
    }

    public PipelineSettings withPort(int port) {
        return new PipelineSettings(clientConfig, stats, campaignsTopic, applicationId, port, maxInFlight);
    }

    public PipelineSettings withMaxInFlight(int max) {
        return new PipelineSettings(clientConfig, stats, campaignsTopic, applicationId, httpPort, max);
    }

    /**
     * The collector's producer, tuned as session 11 measured. The collector answers only after the acknowledgement,
     * so every setting is a trade between HTTP latency and throughput:
     * <ul>
     *   <li>{@code acks=all}, {@code enable.idempotence=true} (Kafka 4's defaults, written down): a 202 means the
     *       event is on every in-sync replica, and a producer retry never writes it twice;</li>
     *   <li>{@code linger.ms=5}, {@code batch.size=131072}: under load, records of many requests share a batch;
     *       5 ms is small next to the request's own round trip;</li>
     *   <li>{@code compression.type=lz4}: JSON events compress several times over at little CPU cost;</li>
     *   <li>{@code max.block.ms=1000}: a full buffer makes a send fail within a second (→ 503) instead of
     *       holding an HTTP thread for the default minute;</li>
     *   <li>{@code delivery.timeout.ms=30000}: a request learns of an unreachable cluster within 30 s, not 2 min.</li>
     * </ul>
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-collector-" + httpPort);
        return config;
    }
}
