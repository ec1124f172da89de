// Known-wrong answer: Leaves unclean.leader.election.enable to the cluster, whose value (MSK's default: true) lets a stale replica lead and drop acknowledged records
package dev.kafkacourse.session03;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

public final class DurableTopicSettings {

    private DurableTopicSettings() {
    }

    public static DurabilityPlan plan(DurabilityRequirement requirement) {
        int down = requirement.writableWithBrokersDown();
        int lost = requirement.survivesBrokersLost();
        if (requirement.brokers() < 1 || down < 0 || lost < 0) {
            throw new IllegalArgumentException("brokers must be at least 1 and broker counts not negative, was "
                    + requirement);
        }
        // Acknowledged only once it is on lost + 1 brokers: losing any `lost` of them leaves a copy.
        int minInsyncReplicas = lost + 1;
        // Writes need min.insync.replicas replicas in sync; with `down` brokers gone, `down` more must exist.
        int replicationFactor = minInsyncReplicas + down;
        if (replicationFactor > requirement.brokers()) {
            throw new IllegalArgumentException(String.format("Surviving the loss of %d broker(s) while writable with "
                    + "%d down needs %d replicas (min.insync.replicas=%d plus %d), so %d brokers; the cluster has %d.",
                    lost, down, replicationFactor, minInsyncReplicas, down, replicationFactor, requirement.brokers()));
        }
        return new DurabilityPlan(replicationFactor,
                Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas)),
                Map.of(
                        // Wait for every in-sync replica, so min.insync.replicas applies to this producer.
                        ProducerConfig.ACKS_CONFIG, "all",
                        // Explicit: with a conflicting setting the producer now fails to start instead of quietly
                        // dropping idempotence.
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
    }
}
