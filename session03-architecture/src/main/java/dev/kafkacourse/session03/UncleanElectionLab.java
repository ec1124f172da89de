package dev.kafkacourse.session03;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 3: {@code unclean.leader.election.enable}, availability against durability. A partition with two replicas
 * and min.insync.replicas=1: the follower stops and falls out of the ISR, the leader alone acknowledges more
 * {@code acks=1} records, then the leader stops too and the stale follower comes back.
 * <ul>
 *   <li>Unclean election off (Kafka's default): the partition has no leader, and refuses writes, until the old
 *       leader returns. Nothing is lost.</li>
 *   <li>Unclean election on (a topic config here; MSK's default configuration has it on for the whole cluster):
 *       the stale follower becomes leader at once, and every record only the old leader had is gone, even after
 *       the old leader returns (it truncates its log to match). Consumers had already read some of them.</li>
 * </ul>
 */
public final class UncleanElectionLab {

    static final int COMMITTED = 100;
    static final int ACKED_BY_LEADER_ALONE = 40;
    static final int WRITTEN_AFTER_ELECTION = 5;
    private static final Duration UNAVAILABLE_WRITE_TIMEOUT = Duration.ofSeconds(3);

    private UncleanElectionLab() {
    }

    /**
     * One run of the story.
     *
     * @param committed             records written while both replicas were in sync ({@code acks=all})
     * @param ackedByLeaderAlone    {@code acks=1} records acknowledged while the follower was down
     * @param readBeforeLeaderLoss  of those, how many a consumer had already read before the leader stopped
     * @param leaderless            the partition once the leader stopped, before anything came back
     * @param staleReplicaBack      the partition once the stale follower was alive again
     * @param refusedWhileLeaderless the error of a write attempted while leaderless (null when unclean election
     *                              made the stale follower leader)
     * @param readableAfterStaleBack records a consumer could read while the stale follower led (-1: no leader)
     * @param recordsAtEnd          records readable after both replicas were back and in sync
     * @param lost                  acknowledged records that are gone at the end, counted one by one
     */
    record Scenario(boolean uncleanElection, int committed, int ackedByLeaderAlone, int readBeforeLeaderLoss,
            PartitionState leaderless, PartitionState staleReplicaBack, Throwable refusedWhileLeaderless,
            int readableAfterStaleBack, PartitionState end, int recordsAtEnd, int lost) {
    }

    record Result(Scenario uncleanOff, Scenario uncleanOn) {
    }

    public static void main(String[] args) {
        QuietLogs.forFailureLabs();
        LabRunner.runOnOwnCluster("session03 unclean-election", ClusterSpec.brokers(3), UncleanElectionLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        out.printf("%s=%d (Eligible Leader Replicas on, as on a new Kafka 4.2 cluster)%n%n", Replication.ELR_FEATURE,
                Replication.enableEligibleLeaderReplicas(kafka.admin()));
        Scenario off = scenario(kafka, out, false);
        out.println();
        Scenario on = scenario(kafka, out, true);
        out.printf("%nunclean.leader.election.enable=false: lost %d, but no leader (no writes, no reads) until the "
                + "old leader came back.%nunclean.leader.election.enable=true:  a leader at once, and %d acknowledged "
                + "records lost.%n", off.lost(), on.lost());
        return new Result(off, on);
    }

    static Scenario scenario(KafkaFixture kafka, PrintStream out, boolean unclean) {
        Admin admin = kafka.admin();
        int leader = kafka.cluster().brokerId(0);
        int follower = kafka.cluster().brokerId(1);
        String topic = Replication.createTopic(kafka, "ad-clicks-unclean-" + (unclean ? "on" : "off"),
                Map.of(0, List.of(leader, follower)), Map.of("min.insync.replicas", "1",
                        "unclean.leader.election.enable", String.valueOf(unclean)));
        TopicPartition partition = new TopicPartition(topic, 0);
        out.printf("=== unclean.leader.election.enable=%s: %s, replicas on brokers %d (leader) and %d, "
                + "min.insync.replicas=1%n", unclean, topic, leader, follower);

        KafkaProducer<String, String> acksAll = kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        KafkaProducer<String, String> acksOne = kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false), new StringSerializer(), new StringSerializer());
        // acks=all waits for every in-sync replica, so both copies hold these before the follower stops.
        int committed = sendAll(acksAll, topic, "committed-", COMMITTED).size();

        try (BrokerControl brokers = new BrokerControl(kafka.cluster(), admin)) {
            brokers.stop(follower);
            PartitionState alone = Replication.await(admin, topic, 0, "ISR of the leader alone",
                    p -> p.isr().equals(List.of(leader)));
            List<String> acked = sendAll(acksOne, topic, "leader-only-", ACKED_BY_LEADER_ALONE);
            int readBefore = countIn(Replication.readAll(kafka, partition), Set.copyOf(acked));
            out.printf("  follower %d stopped: %s%n  leader %d alone acknowledged %d acks=1 records; a consumer "
                    + "already read %d of them%n", follower, alone, leader, acked.size(), readBefore);

            brokers.stop(leader);
            PartitionState leaderless = Replication.await(admin, topic, 0, "no leader", p -> !p.hasLeader());
            out.printf("  leader %d stopped too: %s%n", leader, leaderless);

            brokers.start(follower);
            PartitionState staleBack;
            Throwable refused = null;
            int readableWhileStaleLeads = -1;
            if (unclean) {
                staleBack = Replication.await(admin, topic, 0, "stale follower elected", p -> p.leader() == follower);
                readableWhileStaleLeads = Replication.readAll(kafka, partition).size();
                out.printf("  stale follower %d back: %s%n  -> elected at once (unclean). Readable now: %d records%n",
                        follower, staleBack, readableWhileStaleLeads);
                sendAll(acksOne, topic, "after-election-", WRITTEN_AFTER_ELECTION);
                out.printf("  wrote %d new records: they take the offsets the lost records had%n", WRITTEN_AFTER_ELECTION);
            } else {
                refused = refusedWrite(kafka, topic);
                staleBack = Replication.partition(admin, topic, 0);
                out.printf("  stale follower %d back: %s%n  -> no leader: a write failed after %d s: %s%n", follower,
                        staleBack, UNAVAILABLE_WRITE_TIMEOUT.toSeconds(), refused);
            }

            brokers.start(leader);
            PartitionState end = Replication.awaitFullIsr(admin, topic).get(0);
            List<String> atEnd = Replication.readAll(kafka, partition);
            Set<String> readable = new HashSet<>(atEnd);
            int lost = (int) acked.stream().filter(value -> !readable.contains(value)).count()
                    + (int) IntStream.range(0, COMMITTED)
                            .filter(i -> !readable.contains("committed-" + i)).count();
            out.printf("  old leader %d back: %s%n  readable: %d records; acknowledged but gone: %d%n", leader, end,
                    atEnd.size(), lost);
            return new Scenario(unclean, committed, acked.size(), readBefore, leaderless, staleBack, refused,
                    readableWhileStaleLeads, end, atEnd.size(), lost);
        }
    }

    /** A write to a partition without a leader waits for one until {@code delivery.timeout.ms}, then fails. */
    private static Throwable refusedWrite(KafkaFixture kafka, String topic) {
        KafkaProducer<String, String> producer = kafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) UNAVAILABLE_WRITE_TIMEOUT.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) UNAVAILABLE_WRITE_TIMEOUT.toMillis()),
                new StringSerializer(), new StringSerializer());
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "c-001", "while-leaderless")).get();
            throw new IllegalStateException("A write to a leaderless partition succeeded at offset " + metadata.offset());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Sends {@code count} records and returns the values the broker acknowledged (all of them, or it throws). */
    private static List<String> sendAll(KafkaProducer<String, String> producer, String topic, String prefix, int count) {
        List<String> values = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(prefix + i);
            acks.add(producer.send(new ProducerRecord<>(topic, "c-001", prefix + i)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A send failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return values;
    }

    private static int countIn(List<String> values, Set<String> wanted) {
        return (int) values.stream().filter(wanted::contains).count();
    }
}
