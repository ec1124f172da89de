package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 3: FailoverOffsets, on the shared mirror A -> B. The topic is written in transactions, so its offsets on A
 * run ahead of its record count and the mirror numbers the same records lower. The group reads and commits
 * partitions 0 and 1 on A, never partition 2 (no checkpoint for it); a backlog arrives after its commit. After the
 * failover the group must read on B everything it had not read on A, and little of what it had.
 */
@KafkaTest
@ExtendWith(SharedMirror.class)
class FailoverOffsetsTest {

    private static final int PARTITIONS = 3;
    private static final int PER_TRANSACTION = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theGroupGoesOnOnTheTargetLosingNothingAndRereadingLittle(KafkaFixture a) {
        try (KafkaFixture b = KafkaFixture.on(SharedMirror.target(), "FailoverOffsets-b")) {
            String topic = a.createTopic("mirror-billing", PARTITIONS, (short) 1, Map.of());
            String remote = TwoClusterMirror.remoteTopic(topic);
            List<AdEvent> events = AdEventGenerator.builder().seed(1517).impressions(300).clickThroughRate(0)
                    .build().generate().distinctEvents();
            List<AdEvent> beforeCommit = events.subList(0, events.size() / 2);
            List<AdEvent> backlog = events.subList(events.size() / 2, events.size());
            var collector = a.producer(Map.of("transactional.id", a.groupId("collector")), new StringSerializer(),
                    new StringSerializer());
            GroupReads.sendInTransactions(collector, topic, beforeCommit, PER_TRANSACTION);

            // The group's member reads partitions 0 and 1 to their end and commits once; partition 2 it never
            // commits, so MirrorMaker 2 has no checkpoint for it.
            String group = a.groupId("billing");
            List<TopicPartition> read = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            KafkaConsumer<String, String> onA = a.consumer(group, Map.of("enable.auto.commit", false),
                    new StringDeserializer(), new StringDeserializer());
            onA.assign(read);
            Map<TopicPartition, Long> end = onA.endOffsets(read);
            Set<UUID> readOnA = new HashSet<>();
            Map<Integer, Integer> recordsReadOnA = new HashMap<>();
            while (read.stream().anyMatch(tp -> onA.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : onA.poll(Duration.ofMillis(100))) {
                    readOnA.add(eventId(r));
                    recordsReadOnA.merge(r.partition(), 1, Integer::sum);
                }
            }
            onA.commitSync();
            Map<Integer, Long> committedOnA = new HashMap<>();
            onA.committed(new HashSet<>(read)).forEach((tp, o) -> committedOnA.put(tp.partition(), o.offset()));
            onA.close();
            // The data must not hide the equal-offsets mistake: commit markers make A's offsets run ahead.
            read.forEach(tp -> assertThat(committedOnA.get(tp.partition()))
                    .as("offset committed on A for %s vs records in it (transaction markers)", tp)
                    .isGreaterThan(recordsReadOnA.getOrDefault(tp.partition(), 0)));

            awaitCheckpoints(b, group, remote, committedOnA);
            GroupReads.sendInTransactions(a.producer(Map.of("transactional.id", a.groupId("collector-2")),
                    new StringSerializer(), new StringSerializer()), topic, backlog, PER_TRANSACTION);
            Awaitility.await("all " + events.size() + " records on B").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> b.readToEnd(remote, new StringDeserializer(), new StringDeserializer()).size()
                            == events.size());
            Map<Integer, Long> onBPerPartition = b.readToEnd(remote, new StringDeserializer(),
                    new StringDeserializer()).stream().collect(Collectors.groupingBy(ConsumerRecord::partition,
                            Collectors.counting()));
            assertThat(onBPerPartition).as("records on B per partition (each partition must matter)")
                    .containsKeys(0, 1, 2);

            Map<TopicPartition, OffsetAndMetadata> committed = FailoverOffsets.failOver(a.admin(), b.admin(),
                    SharedMirror.mirror().targetClientConfig(), TwoClusterMirror.SOURCE, group, remote,
                    Duration.ofSeconds(10));

            // Kafka's default auto.offset.reset: a partition the failover left without an offset starts at the end.
            KafkaConsumer<String, String> onB = b.consumer(group, Map.of("auto.offset.reset", "latest"),
                    new StringDeserializer(), new StringDeserializer());
            Set<UUID> readOnB = new HashSet<>();
            GroupReads.fromCommittedToEnd(onB, remote, WAIT).forEach(r -> readOnB.add(eventId(r)));
            Set<UUID> lost = events.stream().map(AdEvent::eventId).collect(Collectors.toCollection(HashSet::new));
            lost.removeAll(readOnA);
            lost.removeAll(readOnB);
            Set<UUID> twice = new HashSet<>(readOnA);
            twice.retainAll(readOnB);
            System.out.printf("Failover of %s: committed on A %s, committed on B %s; read on A %d, on B %d, lost %d,"
                    + " read twice %d%n", group, committedOnA, committed, readOnA.size(), readOnB.size(), lost.size(),
                    twice.size());

            assertThat(committed.keySet()).as("partitions given a start on B (partition 2 has no checkpoint: the"
                    + " group never committed it on A)").containsExactlyInAnyOrder(new TopicPartition(remote, 0),
                            new TopicPartition(remote, 1), new TopicPartition(remote, 2));
            assertThat(lost).as("events read neither on A before nor on B after the failover (of %d)", events.size())
                    .isEmpty();
            assertThat(twice.size()).as("events read on A and again on B (read on A: %d)", readOnA.size())
                    .isLessThanOrEqualTo(readOnA.size() / 2);
        }
    }

    /**
     * Waits for what MirrorMaker 2 reports: a checkpoint of the group in A.checkpoints.internal on B for each
     * committed partition, made from the offset committed on A (one commit, so the first checkpoint is it).
     */
    private static void awaitCheckpoints(KafkaFixture b, String group, String remote, Map<Integer, Long> committed) {
        String checkpoints = TwoClusterMirror.SOURCE + ".checkpoints.internal";
        Awaitility.await("checkpoints of " + group + " in " + checkpoints).atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    Map<Integer, Long> upstream = new HashMap<>();
                    for (ConsumerRecord<byte[], byte[]> r : b.readToEnd(checkpoints, new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())) {
                        Checkpoint checkpoint = Checkpoint.deserializeRecord(r);
                        if (checkpoint.consumerGroupId().equals(group)
                                && checkpoint.topicPartition().topic().equals(remote)) {
                            upstream.put(checkpoint.topicPartition().partition(), checkpoint.upstreamOffset());
                        }
                    }
                    return upstream.equals(committed);
                });
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        return AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8)).eventId();
    }
}
