package dev.kafkacourse.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.awaitility.Awaitility;

/** Small Admin helpers shared by the fixture and the labs. */
public final class Topics {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_PROPAGATION = Duration.ofSeconds(10);

    private Topics() {
    }

    /**
     * Describes one topic (partitions with leader, replicas and ISR). A topic just created may not have reached
     * every broker's metadata yet, and the broker asked may answer "unknown topic": that is retried for a while.
     */
    public static TopicDescription describe(Admin admin, String topic) {
        try {
            return Awaitility.await("metadata of " + topic)
                    .atMost(METADATA_PROPAGATION)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(UnknownTopicOrPartitionException.class)
                    .until(() -> describeOnce(admin, topic), description -> true);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " is unknown to the cluster (waited "
                    + METADATA_PROPAGATION.toSeconds() + " s)", e);
        }
    }

    private static TopicDescription describeOnce(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException unknown) {
                throw unknown;
            }
            throw new IllegalStateException("Could not describe topic " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Waits until the topic is known with {@code partitions} partitions and every partition's leader takes
     * requests. Topic creation returns before that. Metadata can also name a leader a moment before that broker
     * acts as one: a producer writing then gets NOT_LEADER_OR_FOLLOWER for its first batch while later batches
     * succeed, and the idempotent producer then refuses the retried first batch (OUT_OF_ORDER_SEQUENCE_NUMBER,
     * KAFKA-14359) until {@code delivery.timeout.ms} drops it. A ListOffsets answer from every leader closes that
     * window.
     */
    public static void awaitLeaders(Admin admin, String topic, int partitions) {
        Awaitility.await("leaders for every partition of " + topic)
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(UnknownTopicOrPartitionException.class)
                .until(() -> hasLeaders(admin, topic, partitions));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Awaitility.await("every leader of " + topic + " answering")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .until(() -> admin.listOffsets(latest).all().get().size() == partitions);
    }

    private static boolean hasLeaders(Admin admin, String topic, int partitions) throws InterruptedException {
        TopicDescription description = describeOnce(admin, topic);
        return description.partitions().size() == partitions
                && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    /** One broker setting's current value, as {@code kafka-configs --describe} shows it. */
    public static String describeConfig(Admin admin, String name, int brokerId) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(brokerId));
        try {
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            ConfigEntry entry = config.get(name);
            return entry == null ? null : entry.value();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe broker " + brokerId + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing broker " + brokerId, e);
        }
    }
}
