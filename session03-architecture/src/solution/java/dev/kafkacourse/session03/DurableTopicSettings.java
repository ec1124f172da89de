package dev.kafkacourse.session03;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/** Reference solution of exercise 2. */
public final class DurableTopicSettings {

    private DurableTopicSettings() {
    }

    public static DurabilityPlan plan() {
        return new DurabilityPlan(3,
                Map.of(
                        // Every acknowledged record is on at least 2 brokers; with 3 copies one broker may be down.
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2",
                        // Never let a replica that missed acknowledged records become leader.
                        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false"),
                Map.of(
                        // Wait for every in-sync replica, so min.insync.replicas applies to this producer.
                        ProducerConfig.ACKS_CONFIG, "all",
                        // Explicit: with a conflicting setting the producer now fails to start instead of quietly
                        // dropping idempotence.
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
    }
}
