package dev.kafkacourse.session03;

import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;

/**
 * Lab 1: every partition has one leader and followers that copy it. Stop the broker that leads partition 0:
 * leadership moves to a follower that is in the ISR, the ISR shrinks, and the producer and the consumer group
 * carry on. Start it again: it catches up, rejoins the ISR, and a preferred leader election gives it its
 * leadership back.
 */
public final class LeaderFailoverLab {

    static final int PARTITIONS = 3;
    static final int EVENTS_PER_PHASE = 200;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    private LeaderFailoverLab() {
    }

    /** What the lab observed. */
    record Result(int stoppedBroker, List<PartitionState> before, List<PartitionState> whileStopped,
            List<PartitionState> afterRestart, List<PartitionState> afterPreferredElection, int sent, int consumed,
            int distinctConsumed) {
    }

    public static void main(String[] args) {
        QuietLogs.forFailureLabs();
        LabRunner.runOnOwnCluster("session03 leader-failover", ClusterSpec.brokers(3), LeaderFailoverLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        out.printf("%s=%d (Eligible Leader Replicas on, as on a new Kafka 4.2 cluster)%n%n", Replication.ELR_FEATURE,
                Replication.enableEligibleLeaderReplicas(admin));
        String topic = kafka.createTopic("ad-events", PARTITIONS, (short) 3, Map.of("min.insync.replicas", "2"));
        List<PartitionState> before = Replication.awaitFullIsr(admin, topic);
        print(out, "Created " + topic + " (3 partitions, replication factor 3):", before);

        List<AdEvent> events = AdEventGenerator.builder().seed(3).impressions(3 * EVENTS_PER_PHASE).clickThroughRate(0)
                .build().generate().distinctEvents();
        KafkaProducer<String, String> producer = kafka.stringProducer();
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("dashboard"));
        consumer.subscribe(List.of(topic));
        Set<String> distinct = new HashSet<>();
        int consumed = 0;

        int sent = AdEventRecords.sendAll(producer, topic, events.subList(0, EVENTS_PER_PHASE));
        consumed += consume(consumer, EVENTS_PER_PHASE, distinct);
        out.printf("All brokers up: sent %d, consumed %d%n%n", sent, consumed);

        int victim = before.get(0).leader();
        List<PartitionState> whileStopped;
        List<PartitionState> afterRestart;
        List<PartitionState> afterPreferred;
        try (BrokerControl brokers = new BrokerControl(kafka.cluster(), admin)) {
            long stopAt = System.nanoTime();
            brokers.stop(victim);
            whileStopped = Replication.awaitAll(admin, topic, "leadership off broker " + victim + " and ISR without it",
                    p -> p.hasLeader() && p.leader() != victim && !p.isr().contains(victim));
            print(out, String.format("Stopped broker %d (leader of partition 0); %d ms later every partition has a "
                    + "live leader and an ISR without it:", victim, millisSince(stopAt)), whileStopped);

            sent += AdEventRecords.sendAll(producer, topic, events.subList(EVENTS_PER_PHASE, 2 * EVENTS_PER_PHASE));
            consumed += consume(consumer, EVENTS_PER_PHASE, distinct);
            out.printf("Broker %d down: sent %d more, all acknowledged (acks=all, 2 in-sync copies >= "
                    + "min.insync.replicas=2); consumer group read them too. Totals: sent %d, consumed %d%n%n",
                    victim, EVENTS_PER_PHASE, sent, consumed);

            long startAt = System.nanoTime();
            brokers.start(victim);
            afterRestart = Replication.awaitFullIsr(admin, topic);
            print(out, String.format("Started broker %d again; %d ms later it had caught up and rejoined every ISR. "
                    + "It leads nothing yet:", victim, millisSince(startAt)), afterRestart);

            electPreferredLeaders(admin, topic);
            afterPreferred = Replication.awaitAll(admin, topic, "preferred leaders back",
                    p -> p.leader() == p.preferredLeader() && p.isr().size() == p.replicas().size());
            print(out, "After a preferred leader election (the first replica of each list leads again):",
                    afterPreferred);
        }

        sent += AdEventRecords.sendAll(producer, topic, events.subList(2 * EVENTS_PER_PHASE, 3 * EVENTS_PER_PHASE));
        consumed += consume(consumer, EVENTS_PER_PHASE, distinct);
        out.printf("Totals: sent %d, consumed %d, distinct %d: nothing lost, nothing twice.%n", sent, consumed,
                distinct.size());
        return new Result(victim, before, whileStopped, afterRestart, afterPreferred, sent, consumed, distinct.size());
    }

    /** What {@code kafka-leader-election.sh --election-type preferred} does. */
    private static void electPreferredLeaders(Admin admin, String topic) {
        Set<TopicPartition> partitions = Replication.partitions(admin, topic).stream()
                .map(PartitionState::topicPartition).collect(Collectors.toSet());
        try {
            Map<TopicPartition, Optional<Throwable>> results = admin
                    .electLeaders(ElectionType.PREFERRED, partitions).partitions().get();
            for (Map.Entry<TopicPartition, Optional<Throwable>> result : results.entrySet()) {
                // A partition already led by its preferred replica answers "election not needed": that is fine.
                if (result.getValue().isPresent() && !(result.getValue().get() instanceof ElectionNotNeededException)) {
                    throw new IllegalStateException("Preferred election failed for " + result.getKey() + ": "
                            + result.getValue().get().getMessage(), result.getValue().get());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Preferred leader election failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the preferred leader election", e);
        }
    }

    private static int consume(KafkaConsumer<String, String> consumer, int count, Set<String> distinct) {
        List<ConsumerRecord<String, String>> records = Consume.records(consumer, count, CONSUME_TIMEOUT);
        records.forEach(record -> distinct.add(record.value()));
        return records.size();
    }

    static void print(PrintStream out, String title, List<PartitionState> partitions) {
        out.println(title);
        partitions.forEach(p -> out.println("  " + p));
        out.println();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
