package dev.kafkacourse.session08;

import dev.kafkacourse.support.kafka.KafkaFixture;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.TerminalFailureException;

/** What the labs need to run several members of one group and to know when the group has settled or caught up. */
final class Members {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Members() {
    }

    /**
     * Consumer settings for one member. The client id becomes the start of the member id, and the range and
     * round-robin assignors order members by member id: {@code m1 < m2 < m3} makes their assignments repeatable.
     * A short heartbeat lets running members notice a rebalance within a fraction of a second (default 3 s).
     */
    static Map<String, Object> config(KafkaFixture kafka, String group, String member, Strategy strategy) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig(group));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + member);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        if (strategy != null) {
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, strategy.assignorClass());
        }
        return config;
    }

    /** Every member owns something, nobody shares a partition, and all {@code partitions} are owned. */
    static boolean settled(Collection<AdStatsAggregator> members, int partitions) {
        Set<TopicPartition> owned = new HashSet<>();
        int count = 0;
        for (AdStatsAggregator member : members) {
            Set<TopicPartition> assignment = member.assignment();
            if (assignment.isEmpty()) {
                return false;
            }
            owned.addAll(assignment);
            count += assignment.size();
        }
        return owned.size() == partitions && count == partitions;
    }

    /** For every partition, the member that owns it has read it up to {@code endOffsets}. */
    static boolean caughtUp(Collection<AdStatsAggregator> members, Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            boolean read = members.stream().anyMatch(member -> member.assignment().contains(end.getKey())
                    && member.positions().getOrDefault(end.getKey(), -1L) >= end.getValue());
            if (!read) {
                return false;
            }
        }
        return true;
    }

    /** Waits for {@code condition}, failing at once with the cause if a member's poll loop died. */
    static void await(String what, Collection<AdStatsAggregator> members, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .failFast("a member's poll loop failed",
                            () -> members.stream().anyMatch(member -> member.failure().isPresent()))
                    .until(condition::getAsBoolean);
        } catch (TerminalFailureException e) {
            AdStatsAggregator failed = members.stream().filter(member -> member.failure().isPresent()).findFirst()
                    .orElseThrow(() -> e);
            Throwable failure = failed.failure().orElseThrow();
            throw new IllegalStateException("Member " + failed.name() + " failed while waiting until " + what + ": "
                    + failure, failure);
        }
    }

    /** Polls {@code aggregator} on the calling thread until {@code condition}. */
    static void pollUntil(String what, AdStatsAggregator aggregator, BooleanSupplier condition) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ZERO).until(() -> {
            aggregator.pollOnce(Duration.ofMillis(100));
            return condition.getAsBoolean();
        });
    }
}
