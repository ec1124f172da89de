// Known-wrong answer: Turns any describe failure into IllegalArgumentException with Kafka's message, which does not say which topic is missing
package dev.kafkacourse.session03;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

public final class ReplicaHealthCheck {

    private ReplicaHealthCheck() {
    }

    public static HealthReport check(Admin admin, Collection<String> topics) {
        Map<String, TopicDescription> descriptions = describe(admin, topics);
        Map<String, Integer> minIsr = minInsyncReplicas(admin, topics);
        Set<TopicPartition> underReplicated = new HashSet<>();
        Set<TopicPartition> underMinIsr = new HashSet<>();
        Set<TopicPartition> offline = new HashSet<>();
        descriptions.forEach((topic, description) -> {
            for (TopicPartitionInfo partition : description.partitions()) {
                TopicPartition tp = new TopicPartition(topic, partition.partition());
                Node leader = partition.leader();
                if (leader == null || leader.isEmpty()) {
                    offline.add(tp);
                    continue;
                }
                if (partition.isr().size() < partition.replicas().size()) {
                    underReplicated.add(tp);
                }
                if (partition.isr().size() < minIsr.get(topic)) {
                    underMinIsr.add(tp);
                }
            }
        });
        return new HealthReport(underReplicated, underMinIsr, offline);
    }

    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                descriptions.put(topic, future.get());
            } catch (ExecutionException e) {
                throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while describing " + topic, e);
            }
        });
        return descriptions;
    }

    /** The effective value: the topic's own setting, or the broker default it inherits. */
    private static Map<String, Integer> minInsyncReplicas(Admin admin, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        try {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            Map<String, Integer> values = new HashMap<>();
            configs.forEach((resource, config) -> values.put(resource.name(),
                    Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())));
            return values;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read min.insync.replicas of " + topics + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading configs of " + topics, e);
        }
    }
}
