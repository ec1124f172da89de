package dev.kafkacourse.session03;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The settings that decide how durable a topic's records are: how many copies, the topic's own configs, and the
 * producer's configs.
 *
 * @param replicationFactor copies of each partition
 * @param topicConfigs      topic-level configs, e.g. {@code min.insync.replicas}
 * @param producerConfigs   producer configs, e.g. {@code acks}
 */
public record DurabilityPlan(int replicationFactor, Map<String, String> topicConfigs,
        Map<String, Object> producerConfigs) {

    public DurabilityPlan {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        topicConfigs = Map.copyOf(topicConfigs);
        producerConfigs = Map.copyOf(producerConfigs);
    }

    /** The topic to create with this plan. */
    public NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.of((short) replicationFactor)).configs(topicConfigs);
    }
}
