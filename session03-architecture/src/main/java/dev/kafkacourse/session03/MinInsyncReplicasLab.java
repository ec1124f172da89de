package dev.kafkacourse.session03;

import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 2: {@code acks} and {@code min.insync.replicas}. A topic with 3 replicas and min.insync.replicas=2 keeps
 * taking {@code acks=all} writes with one broker down. With two down, only the leader is in sync: {@code acks=all}
 * is refused with {@link NotEnoughReplicasException} (or, with retries, a {@link TimeoutException} once
 * {@code delivery.timeout.ms} runs out), while {@code acks=1} is still acknowledged by the leader alone; in
 * Kafka 4.x that record stays invisible to consumers until a second replica is back in sync.
 */
public final class MinInsyncReplicasLab {

    static final int MIN_INSYNC_REPLICAS = 2;

    private MinInsyncReplicasLab() {
    }

    /**
     * What the lab observed.
     *
     * @param acksAllRefusedNoRetries the error of an {@code acks=all, retries=0} send with one in-sync replica
     * @param acksAllRefusedRetrying  the error of an {@code acks=all} send with retries, after its delivery timeout
     * @param acksOneOffset           the offset the leader gave the {@code acks=1} record it accepted alone
     */
    record Result(PartitionState healthy, PartitionState oneDown, boolean acksAllAcceptedOneDown,
            PartitionState twoDown, Throwable acksAllRefusedNoRetries, Throwable acksAllRefusedRetrying,
            long retryingFailedAfterMillis, long acksOneOffset, long highWatermarkTwoDown, PartitionState recovered,
            long highWatermarkRecovered, String acksOneValueReadAfterRecovery, boolean acksAllAcceptedRecovered) {
    }

    public static void main(String[] args) {
        QuietLogs.forFailureLabs();
        LabRunner.runOnOwnCluster("session03 min-insync", ClusterSpec.brokers(3), MinInsyncReplicasLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        Admin admin = kafka.admin();
        out.printf("%s=%d (Eligible Leader Replicas on, as on a new Kafka 4.2 cluster)%n%n", Replication.ELR_FEATURE,
                Replication.enableEligibleLeaderReplicas(admin));
        String topic = kafka.createTopic("ad-clicks", 1, (short) 3,
                Map.of("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS)));
        TopicPartition partition = new TopicPartition(topic, 0);
        PartitionState healthy = Replication.awaitFullIsr(admin, topic).get(0);
        int leader = healthy.leader();
        List<Integer> followers = healthy.replicas().stream().filter(id -> id != leader).toList();
        out.printf("%s: replication factor 3, min.insync.replicas=%d%n  %s%n%n", topic, MIN_INSYNC_REPLICAS, healthy);

        KafkaProducer<String, String> acksAll = producer(kafka, Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        // Idempotence needs acks=all and retries, so these two turn it off explicitly.
        KafkaProducer<String, String> acksAllNoRetries = producer(kafka, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.RETRIES_CONFIG, 0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        KafkaProducer<String, String> acksAllShortTimeout = producer(kafka, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000));
        KafkaProducer<String, String> acksOne = producer(kafka, Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
        send(acksAll, topic, "click-1");
        send(acksOne, topic, "click-2");
        out.println("3 of 3 in sync: acks=all and acks=1 both acknowledged");

        try (BrokerControl brokers = new BrokerControl(kafka.cluster(), admin)) {
            brokers.stop(followers.get(0));
            PartitionState oneDown = Replication.await(admin, topic, 0, "ISR without broker " + followers.get(0),
                    p -> p.isr().size() == 2);
            boolean acceptedOneDown = send(acksAll, topic, "click-3") >= 0;
            out.printf("%nStopped follower %d:%n  %s%n  2 in sync >= min.insync.replicas=%d: acks=all acknowledged%n",
                    followers.get(0), oneDown, MIN_INSYNC_REPLICAS);

            brokers.stop(followers.get(1));
            PartitionState twoDown = Replication.await(admin, topic, 0, "ISR of the leader alone",
                    p -> p.isr().equals(List.of(leader)));
            out.printf("%nStopped follower %d too:%n  %s%n", followers.get(1), twoDown);

            Throwable noRetries = refusal(acksAllNoRetries, topic);
            out.printf("  acks=all, retries=0 -> %s%n", noRetries);
            long attemptAt = System.nanoTime();
            Throwable retrying = error(acksAllShortTimeout, topic, "click-5");
            long retryingMillis = (System.nanoTime() - attemptAt) / 1_000_000;
            out.printf("  acks=all, retrying  -> after %d ms: %s%n", retryingMillis, retrying);
            long acksOneOffset = send(acksOne, topic, "click-6");
            long hwTwoDown = Replication.highWatermark(admin, partition);
            out.printf("  acks=1              -> acknowledged at offset %d by the leader alone%n", acksOneOffset);
            out.printf("  high watermark stays %d: with fewer than %d in sync it does not advance, so consumers "
                    + "cannot read offset %d yet%n", hwTwoDown, MIN_INSYNC_REPLICAS, acksOneOffset);

            brokers.start(followers.get(1));
            PartitionState recovered = Replication.await(admin, topic, 0, "2 replicas in sync again",
                    p -> p.isr().size() >= MIN_INSYNC_REPLICAS);
            long hwRecovered = awaitHighWatermarkAbove(admin, partition, acksOneOffset);
            String readBack = Replication.readAt(kafka, partition, acksOneOffset);
            boolean acceptedRecovered = send(acksAll, topic, "click-7") >= 0;
            out.printf("%nStarted follower %d again:%n  %s%n  high watermark %d: offset %d is readable now (\"%s\"); "
                    + "acks=all acknowledged again%n", followers.get(1), recovered, hwRecovered, acksOneOffset, readBack);
            return new Result(healthy, oneDown, acceptedOneDown, twoDown, noRetries, retrying, retryingMillis,
                    acksOneOffset, hwTwoDown, recovered, hwRecovered, readBack, acceptedRecovered);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaFixture kafka, Map<String, Object> settings) {
        return kafka.producer(settings, new StringSerializer(), new StringSerializer());
    }

    /** Sends one record and returns its offset; a failure is thrown. */
    private static long send(KafkaProducer<String, String> producer, String topic, String value) {
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "c-001", value)).get();
            return metadata.offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Send of " + value + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Sends one record that is expected to fail, and returns the error. */
    private static Throwable error(KafkaProducer<String, String> producer, String topic, String value) {
        try {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "c-001", value)).get();
            throw new IllegalStateException("Expected " + value + " to be refused, but it was written at offset "
                    + metadata.offset());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * The refusal of an {@code acks=all, retries=0} send. The leader learns of the smaller ISR from the metadata
     * log a moment after Admin may show it; an attempt in that moment waits for the stopped follower and times out
     * instead, so it is tried again.
     */
    private static Throwable refusal(KafkaProducer<String, String> producer, String topic) {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Awaitility.await("acks=all refused with NotEnoughReplicasException").atMost(Replication.STATE_TIMEOUT)
                .pollInterval(Duration.ZERO)
                .until(() -> {
                    refused.set(error(producer, topic, "click-4"));
                    return refused.get() instanceof NotEnoughReplicasException;
                });
        return refused.get();
    }

    private static long awaitHighWatermarkAbove(Admin admin, TopicPartition partition, long offset) {
        AtomicReference<Long> hw = new AtomicReference<>(0L);
        Awaitility.await("high watermark past offset " + offset).atMost(Replication.STATE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    hw.set(Replication.highWatermark(admin, partition));
                    return hw.get() > offset;
                });
        return hw.get();
    }
}
