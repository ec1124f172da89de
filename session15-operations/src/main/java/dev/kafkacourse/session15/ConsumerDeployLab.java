package dev.kafkacourse.session15;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Lab 2: deploying a new version of a 3-member consumer application (book 4.3.3). Each way of deploying is run on a
 * fresh group of the same 6-partition topic, and the members' rebalance listeners count what it cost: rebalances,
 * partitions taken from the members that were not being restarted, partition-time without an owner.
 * <ol>
 * <li>rolling deploy with eager rebalancing (range): every rebalance takes every partition from every member;</li>
 * <li>rolling deploy with cooperative-sticky: only the partitions that move are revoked;</li>
 * <li>stop-the-world: all members down, all up;</li>
 * <li>static membership ({@code group.instance.id}, long {@code session.timeout.ms}): a quick restart of one member
 * is no rebalance at all for the others;</li>
 * <li>rolling deploy with the KIP-848 consumer protocol ({@code group.protocol=consumer}): the broker assigns;
 * only where the cluster has the {@code group.version} feature finalized (the course's embedded cluster has not).</li>
 * </ol>
 */
public final class ConsumerDeployLab {

    static final int PARTITIONS = 6;
    static final int MEMBERS = 3;
    /** Long enough for a quick restart to come back before the coordinator gives up on a static member. */
    static final int STATIC_SESSION_TIMEOUT_MS = 30_000;
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(45);

    private ConsumerDeployLab() {
    }

    /** How one way of deploying went: the counts over the whole deploy. */
    record Deploy(String name, RebalanceTally.Counts counts, Map<String, Set<TopicPartition>> before,
            Map<String, Set<TopicPartition>> after) {
    }

    record Result(Deploy eagerRolling, Deploy cooperativeRolling, Deploy stopTheWorld, Deploy staticQuickRestart,
            Optional<Deploy> consumerProtocolRolling) {
    }

    public static void main(String[] args) {
        Quiet.forBrokerRestarts();
        LabRunner.run("session15 consumer-deploy", ConsumerDeployLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        String topic = kafka.createTopic("ad-events-deploy", PARTITIONS);
        out.printf("Topic %s: %d partitions; a group of %d members; each deploy restarts every member (rolling:"
                + " one at a time, each back before the next) or all at once.%n", topic, PARTITIONS, MEMBERS);
        out.println("Counted from the members' ConsumerRebalanceListener; 'bystanders' = the members not being"
                + " restarted at that moment.\n");
        Deploy eager = rolling(kafka, topic, "eager-rolling", classic(RangeAssignor.class), out);
        Deploy cooperative = rolling(kafka, topic, "cooperative-rolling", classic(CooperativeStickyAssignor.class),
                out);
        Deploy stopTheWorld = stopTheWorld(kafka, topic, classic(CooperativeStickyAssignor.class), out);
        Deploy staticRestart = staticQuickRestart(kafka, topic, out);
        short groupVersion = finalizedGroupVersion(kafka.admin());
        Deploy consumerProtocol = null;
        if (groupVersion >= 1) {
            consumerProtocol = rolling(kafka, topic, "consumer-protocol-rolling",
                    Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"), out);
        } else {
            out.printf("%-26s skipped: this cluster has the feature group.version at level %d; the KIP-848 protocol"
                    + " (group.protocol=consumer) needs level 1 or more, finalized when the cluster is formatted or"
                    + " upgraded (kafka-features.sh upgrade --feature group.version=1)%n", "consumer-protocol-rolling",
                    groupVersion);
        }
        return new Result(eager, cooperative, stopTheWorld, staticRestart, Optional.ofNullable(consumerProtocol));
    }

    /** The cluster-wide level of the {@code group.version} feature; 0 when it is not finalized at all. */
    static short finalizedGroupVersion(Admin admin) {
        try {
            FinalizedVersionRange range = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS)
                    .finalizedFeatures().get("group.version");
            return range == null ? 0 : range.maxVersionLevel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("describeFeatures failed", e);
        }
    }

    private static Map<String, Object> classic(Class<?> assignor) {
        return Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
    }

    private static Deploy rolling(KafkaFixture kafka, String topic, String name, Map<String, Object> settings,
            PrintStream out) {
        RebalanceTally tally = new RebalanceTally();
        List<DeployMember> members = group(kafka, topic, name, settings, false, tally);
        try {
            awaitBalanced(members, MEMBERS);
            Map<String, Set<TopicPartition>> before = assignment(members);
            RebalanceTally.Counts start = tally.snapshot();
            for (DeployMember member : members) {
                member.restarting(true);
                member.stop();
                awaitBalanced(members.stream().filter(m -> m != member).toList(), MEMBERS - 1);
                member.start();
                awaitBalanced(members, MEMBERS);
                member.restarting(false);
            }
            return report(out, name, tally.snapshot().minus(start), before, assignment(members));
        } finally {
            members.forEach(DeployMember::close);
        }
    }

    private static Deploy stopTheWorld(KafkaFixture kafka, String topic, Map<String, Object> settings,
            PrintStream out) {
        RebalanceTally tally = new RebalanceTally();
        List<DeployMember> members = group(kafka, topic, "stop-the-world", settings, false, tally);
        try {
            awaitBalanced(members, MEMBERS);
            Map<String, Set<TopicPartition>> before = assignment(members);
            RebalanceTally.Counts start = tally.snapshot();
            members.forEach(m -> m.restarting(true));
            members.forEach(DeployMember::stop);
            members.forEach(DeployMember::start);
            awaitBalanced(members, MEMBERS);
            members.forEach(m -> m.restarting(false));
            return report(out, "stop-the-world", tally.snapshot().minus(start), before, assignment(members));
        } finally {
            members.forEach(DeployMember::close);
        }
    }

    private static Deploy staticQuickRestart(KafkaFixture kafka, String topic, PrintStream out) {
        RebalanceTally tally = new RebalanceTally();
        Map<String, Object> settings = new HashMap<>(classic(CooperativeStickyAssignor.class));
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, STATIC_SESSION_TIMEOUT_MS);
        List<DeployMember> members = group(kafka, topic, "static", settings, true, tally);
        try {
            awaitBalanced(members, MEMBERS);
            Map<String, Set<TopicPartition>> before = assignment(members);
            RebalanceTally.Counts start = tally.snapshot();
            for (DeployMember member : members) {
                member.restarting(true);
                member.stop();
                member.start();
                Set<TopicPartition> had = before.get(member.name());
                Awaitility.await().atMost(SETTLE_TIMEOUT).until(() -> member.owned().equals(had));
                member.restarting(false);
            }
            return report(out, "static-quick-restart", tally.snapshot().minus(start), before, assignment(members));
        } finally {
            members.forEach(DeployMember::close);
        }
    }

    private static List<DeployMember> group(KafkaFixture kafka, String topic, String name,
            Map<String, Object> settings, boolean staticMembers, RebalanceTally tally) {
        String groupId = kafka.groupId("deploy-" + name);
        List<DeployMember> members = new ArrayList<>();
        for (int i = 1; i <= MEMBERS; i++) {
            Map<String, Object> config = new HashMap<>(settings);
            if (staticMembers) {
                config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "dashboard-" + i);
            }
            members.add(new DeployMember("member-" + i, topic,
                    () -> kafka.consumer(groupId, config, new StringDeserializer(), new StringDeserializer()), tally)
                    .start());
        }
        return members;
    }

    /** Every partition owned by exactly one of {@code members}, each owning some: the group is done rebalancing. */
    private static void awaitBalanced(List<DeployMember> members, int expectedMembers) {
        Awaitility.await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Set<TopicPartition> all = new HashSet<>();
            int total = 0;
            for (DeployMember m : members) {
                Set<TopicPartition> owned = m.owned();
                if (owned.isEmpty()) {
                    return false;
                }
                total += owned.size();
                all.addAll(owned);
            }
            return members.size() == expectedMembers && total == PARTITIONS && all.size() == PARTITIONS;
        });
    }

    private static Map<String, Set<TopicPartition>> assignment(List<DeployMember> members) {
        Map<String, Set<TopicPartition>> result = new java.util.TreeMap<>();
        members.forEach(m -> result.put(m.name(), m.owned()));
        return result;
    }

    private static Deploy report(PrintStream out, String name, RebalanceTally.Counts c,
            Map<String, Set<TopicPartition>> before, Map<String, Set<TopicPartition>> after) {
        out.printf("%-26s rebalances seen by all members %2d, by bystanders %2d; partitions revoked from bystanders"
                + " %2d (whole assignment lost %d times); partition-time without owner %,d ms%n", name,
                c.rebalances(), c.bystanderRebalances(), c.bystanderRevokedPartitions(), c.bystanderFullRevocations(),
                c.pausedPartitionMillis());
        out.printf("%-26s before %s%n%-26s after  %s%n", "", partitions(before), "", partitions(after));
        return new Deploy(name, c, before, after);
    }

    private static String partitions(Map<String, Set<TopicPartition>> assignment) {
        StringBuilder text = new StringBuilder();
        assignment.forEach((member, owned) -> text.append(member).append('=').append(
                owned.stream().map(TopicPartition::partition).sorted().toList()).append(' '));
        return text.toString().trim();
    }
}
