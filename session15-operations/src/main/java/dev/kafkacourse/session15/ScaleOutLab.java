package dev.kafkacourse.session15;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 3: scale out, then scale in. A topic lives on the first three brokers; the last broker has just joined and
 * holds nothing. The lab moves replicas onto it with {@code Admin.alterPartitionReassignments} under a replication
 * throttle, watches {@code listPartitionReassignments} until the move is done, checks the balance, and then drains
 * the first broker (moves every replica away from it) so that it could be shut down for good.
 */
public final class ScaleOutLab {

    static final int PARTITIONS = 8;
    static final short REPLICATION_FACTOR = 2;
    static final int RECORDS_PER_PARTITION = 150;
    /** Small on purpose: the move of ~0.3 MB takes a few seconds, long enough to watch its progress. */
    static final long THROTTLE_BYTES_PER_SECOND = 100_000;
    static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);
    /** A short quota window makes the throttle bite at once (see RollingRestartLab). */
    static final ClusterSpec CLUSTER = ClusterSpec.brokers(4).withBrokerProperty("replication.quota.window.num", "2");

    private ScaleOutLab() {
    }

    record Result(List<Integer> brokers, int newBroker, int drained, Map<Integer, List<Integer>> initial,
            Map<Integer, List<Integer>> afterScaleOut, Map<Integer, List<Integer>> afterDrain, int progressSamples,
            int recordsWritten, int recordsAfterMoves) {
    }

    public static void main(String[] args) {
        Quiet.forBrokerRestarts();
        // A broker that receives a new replica logs "Expected partition ... to exist, but it was missing. Creating..."
        // at ERROR: that is a reassignment working as intended.
        LabLogs.quiet(Map.of("state.change.logger", Level.OFF));
        LabRunner.runOnOwnCluster("session15 scale-out", CLUSTER, ScaleOutLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        Admin admin = kafka.admin();
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).sorted().toList();
        if (brokers.size() < 4) {
            throw new IllegalStateException("scale-out needs 4 brokers, the cluster has " + brokers);
        }
        List<Integer> old = brokers.subList(0, brokers.size() - 1);
        int newBroker = brokers.get(brokers.size() - 1);

        String topic = kafka.topicName("ad-events-scale");
        Map<Integer, List<Integer>> initial = roundRobin(old);
        admin.createTopics(List.of(new NewTopic(topic, initial))).all().get();
        Awaitility.await().atMost(MOVE_TIMEOUT).until(() -> Reassignments.placement(admin, topic).size() == PARTITIONS);
        int written = fill(kafka, topic);
        out.printf("Topic with %d partitions, replication factor %d, on brokers %s; broker %d has just joined."
                + " %d records of ~1 kB written.%n", PARTITIONS, REPLICATION_FACTOR, old, newBroker, written);
        out.println("before:    " + Reassignments.replicasPerBroker(initial, brokers) + " replicas per broker");

        ReplicationThrottle.setRate(admin, brokers, THROTTLE_BYTES_PER_SECOND);
        out.printf("%n1) Scale out onto broker %d, throttled at %d kB/s%n", newBroker,
                THROTTLE_BYTES_PER_SECOND / 1000);
        Map<Integer, List<Integer>> balanced = roundRobin(brokers);
        int samples = move(admin, topic, initial, balanced, out);
        Map<Integer, List<Integer>> afterScaleOut = Reassignments.placement(admin, topic);
        out.println("after:     " + Reassignments.replicasPerBroker(afterScaleOut, brokers) + " replicas per broker");

        int drained = old.get(0);
        out.printf("%n2) Scale in: drain broker %d before shutting it down%n", drained);
        Map<Integer, List<Integer>> withoutDrained = ReassignmentPlan.drain(afterScaleOut, drained, brokers);
        move(admin, topic, afterScaleOut, withoutDrained, out);
        Map<Integer, List<Integer>> afterDrain = Reassignments.placement(admin, topic);
        out.println("after:     " + Reassignments.replicasPerBroker(afterDrain, brokers) + " replicas per broker");
        ReplicationThrottle.clearRate(admin, brokers);

        int read = kafka.readToEnd(topic, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer()).size();
        out.printf("%nRecords in the topic after both moves: %d of %d written.%n", read, written);
        return new Result(brokers, newBroker, drained, initial, afterScaleOut, afterDrain, samples, written, read);
    }

    /** Partition p on brokers[p], brokers[p+1] (mod n): every broker leads and follows equally often. */
    static Map<Integer, List<Integer>> roundRobin(List<Integer> brokers) {
        Map<Integer, List<Integer>> placement = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < REPLICATION_FACTOR; r++) {
                replicas.add(brokers.get((p + r) % brokers.size()));
            }
            placement.put(p, replicas);
        }
        return placement;
    }

    /** Throttle, start, watch until nothing moves, lift the topic throttle; returns how many progress lines. */
    private static int move(Admin admin, String topic, Map<Integer, List<Integer>> current,
            Map<Integer, List<Integer>> target, PrintStream out) {
        Reassignments.throttle(admin, topic, ReassignmentPlan.throttle(current, target));
        long start = System.nanoTime();
        Reassignments.start(admin, topic, current, target);
        int[] samples = {0};
        Awaitility.await().atMost(MOVE_TIMEOUT).pollInterval(Reassignments.POLL).until(() -> {
            Map<Integer, List<Integer>> running = Reassignments.inProgress(admin, topic);
            if (!running.isEmpty() && samples[0]++ % 4 == 0) {
                out.printf("  %5d ms  %d partition(s) moving, adding replicas %s%n",
                        (System.nanoTime() - start) / 1_000_000, running.size(), running);
            }
            // The controller ends the reassignment before every broker's metadata shows the new replica lists:
            // describeTopics (what the caller reads next) can still list a removed replica for a moment.
            return running.isEmpty() && Reassignments.placement(admin, topic).equals(target);
        });
        out.printf("  %5d ms  done: listPartitionReassignments is empty%n", (System.nanoTime() - start) / 1_000_000);
        Reassignments.clearTopicThrottle(admin, topic);
        return samples[0];
    }

    private static int fill(KafkaFixture kafka, String topic) throws InterruptedException, ExecutionException {
        String value = "x".repeat(1000);
        int count = 0;
        try (KafkaProducer<String, String> producer = kafka.producer(new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k" + i, value));
                    count++;
                }
            }
            producer.flush();
        }
        return count;
    }

}
