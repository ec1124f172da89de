package dev.kafkacourse.session03;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Admin look-ups the replication labs share: partition states, live brokers, high watermarks, and waiting for
 * the cluster to reach a state. Every wait is on a condition with a generous bound: a broker that stops or
 * rejoins takes a variable time, more so on a busy machine.
 */
public final class Replication {

    /** Upper bound for any replication state change to show up (typical: under 3 s). */
    public static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);
    /** The feature flag of Eligible Leader Replicas (KIP-966). */
    public static final String ELR_FEATURE = "eligible.leader.replicas.version";

    private Replication() {
    }

    public static List<PartitionState> partitions(Admin admin, String topic) {
        return Topics.describe(admin, topic).partitions().stream().map(info -> PartitionState.of(topic, info)).toList();
    }

    public static PartitionState partition(Admin admin, String topic, int partition) {
        return partitions(admin, topic).get(partition);
    }

    /** Waits until {@code condition} holds for one partition and returns the state that satisfied it. */
    public static PartitionState await(Admin admin, String topic, int partition, String what,
            Predicate<PartitionState> condition) {
        AtomicReference<PartitionState> seen = new AtomicReference<>();
        Awaitility.await(what + " (" + topic + "-" + partition + ", last seen: " + seen + ")")
                .atMost(STATE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    seen.set(partition(admin, topic, partition));
                    return condition.test(seen.get());
                });
        return seen.get();
    }

    /** Waits until {@code condition} holds for every partition of the topic and returns those states. */
    public static List<PartitionState> awaitAll(Admin admin, String topic, String what,
            Predicate<PartitionState> condition) {
        AtomicReference<List<PartitionState>> seen = new AtomicReference<>(List.of());
        Awaitility.await(what + " (" + topic + ", last seen: " + seen + ")")
                .atMost(STATE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    seen.set(partitions(admin, topic));
                    return seen.get().stream().allMatch(condition);
                });
        return seen.get();
    }

    /** Waits until every replica of every partition is in the ISR again. */
    public static List<PartitionState> awaitFullIsr(Admin admin, String topic) {
        return awaitAll(admin, topic, "every replica back in the ISR",
                p -> p.hasLeader() && p.isr().size() == p.replicas().size());
    }

    /** Broker ids the cluster currently counts as alive (registered and not fenced). */
    public static Set<Integer> liveBrokers(Admin admin) {
        try {
            Set<Integer> ids = new TreeSet<>();
            for (Node node : admin.describeCluster().nodes().get()) {
                ids.add(node.id());
            }
            return ids;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe the cluster: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the cluster", e);
        }
    }

    /** The high watermark: the end offset a consumer sees, below which records count as committed. */
    public static long highWatermark(Admin admin, TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the end offset of " + partition + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offset of " + partition, e);
        }
    }

    /**
     * Everything a consumer can read from {@code partition} now: from its first offset up to the high watermark.
     * Uses no consumer group, so it works whichever brokers are down (a group needs its coordinator).
     */
    public static List<String> readAll(KafkaFixture kafka, TopicPartition partition) {
        try (KafkaConsumer<String, String> consumer = groupless(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), STATE_TIMEOUT).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + STATE_TIMEOUT.toNanos();
            while (consumer.position(partition, STATE_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + partition + " up to offset " + end + " within "
                            + STATE_TIMEOUT.toSeconds() + " s; read " + values.size());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    /** The value at {@code offset}, waiting (bounded) until it is readable. */
    public static String readAt(KafkaFixture kafka, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> consumer = groupless(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            return Consume.records(consumer, 1, STATE_TIMEOUT).get(0).value();
        }
    }

    private static KafkaConsumer<String, String> groupless(KafkaFixture kafka) {
        Map<String, Object> config = kafka.consumerConfig("unused");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Creates a uniquely named topic whose replicas sit on the given brokers, so a lab knows in advance which
     * broker leads ({@code assignment.get(p).get(0)}) and which follows. Waits for the leaders.
     */
    public static String createTopic(KafkaFixture kafka, String base, Map<Integer, List<Integer>> assignment,
            Map<String, String> configs) {
        String name = kafka.topicName(base);
        try {
            kafka.admin().createTopics(List.of(new NewTopic(name, assignment).configs(configs))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + name, e);
        }
        Topics.awaitLeaders(kafka.admin(), name, assignment.size());
        return name;
    }

    /**
     * Turns on Eligible Leader Replicas, as {@code kafka-features.sh upgrade --feature
     * eligible.leader.replicas.version=1} does. A cluster formatted by Kafka 4.1+ tools has it on already; the
     * in-JVM test kit only sets {@code metadata.version}, so without this the labs would show pre-4.1 behaviour.
     * Harmless when already on. Returns the finalized level.
     */
    public static short enableEligibleLeaderReplicas(Admin admin) {
        try {
            admin.updateFeatures(Map.of(ELR_FEATURE, new FeatureUpdate((short) 1, FeatureUpdate.UpgradeType.UPGRADE)),
                    new UpdateFeaturesOptions()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not enable " + ELR_FEATURE + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while enabling " + ELR_FEATURE, e);
        }
        AtomicReference<Short> level = new AtomicReference<>((short) 0);
        Awaitility.await(ELR_FEATURE + " finalized").atMost(STATE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    FinalizedVersionRange range = admin.describeFeatures().featureMetadata().get()
                            .finalizedFeatures().get(ELR_FEATURE);
                    level.set(range == null ? 0 : range.maxVersionLevel());
                    return level.get() >= 1;
                });
        return level.get();
    }
}
