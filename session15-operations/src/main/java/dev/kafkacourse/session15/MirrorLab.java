package dev.kafkacourse.session15;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.ClusterSpec;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaClusters;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Lab 2: MirrorMaker 2 between two clusters in this JVM. Cluster A's {@code ad-events} (written in transactions)
 * and its configs appear on B as {@code A.ad-events}; the dashboard group reads the first batch on A and commits
 * once; MirrorMaker 2's checkpoints translate that commit; a backlog arrives; A is then given up and the group carries
 * on on B from the translated offsets: nothing lost, a bounded number of records read twice.
 */
public final class MirrorLab {

    /** The topics this lesson mirrors (MirrorMaker 2's {@code A->B.topics}). */
    public static final String MIRRORED_TOPICS = "mirror-.*";
    static final int PARTITIONS = 3;
    static final int IMPRESSIONS = 600;
    static final int PER_TRANSACTION = 10;
    static final Duration WAIT = Duration.ofSeconds(90);

    private MirrorLab() {
    }

    record Result(int expected, int readOnA, int readOnB, int lost, int readTwice, String remoteTopic,
            String identityTopic, String retentionOnB,
            Map<TopicPartition, Long> sourceCommitted, Map<TopicPartition, OffsetAndMetadata> translated) {
    }

    public static void main(String[] args) {
        Quiet.forBrokerRestarts();
        LabRunner.runOnOwnCluster("session15 mirror", ClusterSpec.singleBroker(), (a, out) -> {
            try (KafkaCluster b = KafkaClusters.start(ClusterSpec.singleBroker());
                    KafkaFixture onB = KafkaFixture.on(b, "session15 mirror");
                    TwoClusterMirror mirror = TwoClusterMirror.start(a.bootstrapServers(), b.bootstrapServers(),
                            MIRRORED_TOPICS)) {
                run(a, onB, mirror, out);
            }
        });
    }

    static Result run(KafkaFixture a, KafkaFixture b, TwoClusterMirror mirror, PrintStream out) {
        long started = System.nanoTime();
        String topic = a.createTopic("mirror-ad-events", PARTITIONS, (short) 1, Map.of("retention.ms", "259200000"));
        String remote = TwoClusterMirror.remoteTopic(topic);
        List<AdEvent> events = AdEventGenerator.builder().seed(1503).impressions(IMPRESSIONS).clickThroughRate(0.05)
                .build().generate().distinctEvents();
        // Two batches: the dashboard group reads all of the first and commits; the second arrives after its last
        // commit (the backlog it has not read when A is lost).
        List<AdEvent> readBeforeFailure = events.subList(0, events.size() / 2);
        List<AdEvent> backlog = events.subList(events.size() / 2, events.size());
        GroupReads.sendInTransactions(a.producer(Map.of("transactional.id", a.groupId("collector-1")),
                new StringSerializer(), new StringSerializer()), topic, readBeforeFailure, PER_TRANSACTION);
        out.printf("On A: %s, %d partitions, retention.ms=259200000 (3 days); %d events sent in transactions of %d%n",
                topic, PARTITIONS, readBeforeFailure.size(), PER_TRANSACTION);

        String group = a.groupId("dashboard");
        Set<UUID> readOnA = new HashSet<>();
        // One commit only (no auto-commit), so the checkpoint MirrorMaker 2 makes of it can be recognised by its
        // upstream offset.
        KafkaConsumer<String, String> onA = a.consumer(group, Map.of("enable.auto.commit", false),
                new StringDeserializer(), new StringDeserializer());
        onA.subscribe(List.of(topic));
        while (readOnA.size() < readBeforeFailure.size()) {
            onA.poll(Duration.ofMillis(100)).forEach(r -> readOnA.add(eventId(r)));
        }
        onA.commitSync();
        Map<TopicPartition, Long> committed = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        onA.committed(onA.assignment()).forEach((tp, o) -> committed.put(tp, o.offset()));
        onA.unsubscribe();
        out.printf("Group dashboard read %d on A and committed offsets %s%n%n", readOnA.size(), committed.values());

        Awaitility.await("MirrorMaker 2 copied every record to " + remote).atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> b.readToEnd(remote, new StringDeserializer(), new StringDeserializer()).size()
                        == readBeforeFailure.size());
        AtomicReference<String> retention = new AtomicReference<>();
        Awaitility.await("topic config copied to " + remote).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    retention.set(topicConfig(b.admin(), remote, "retention.ms"));
                    return "259200000".equals(retention.get());
                });
        out.printf("On B after %.1f s: %s holds all %d records; its retention.ms=%s was copied from A%n",
                seconds(started), remote, readBeforeFailure.size(), retention.get());
        // The name on B comes from the replication policy MirrorMaker 2 is configured with (replication.policy.class).
        String identity = new IdentityReplicationPolicy().formatRemoteTopic(TwoClusterMirror.SOURCE, topic);
        out.printf("Naming: DefaultReplicationPolicy -> %s (source alias in front: B can tell mirrored from local"
                + " topics, no loops in A<->B); IdentityReplicationPolicy -> %s (same name: consumers move without"
                + " renaming, but only one direction may run)%n%n",
                new DefaultReplicationPolicy().formatRemoteTopic(TwoClusterMirror.SOURCE, topic), identity);

        // Wait on what MirrorMaker 2 reports: a checkpoint of the group on B for every partition, made from the
        // offsets the group committed (upstream offset = committed), not a fixed sleep.
        String checkpoints = TwoClusterMirror.SOURCE + ".checkpoints.internal";
        Map<TopicPartition, Checkpoint> latest = new HashMap<>();
        // A checkpoint is only written when it moves the group on B forward, so with one commit on A the first
        // checkpoint per partition carries exactly the committed (upstream) offset.
        try {
            Awaitility.await("checkpoints of group dashboard in " + checkpoints + " on B").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        latest.clear();
                        for (ConsumerRecord<byte[], byte[]> r : b.readToEnd(checkpoints, new ByteArrayDeserializer(),
                                new ByteArrayDeserializer())) {
                            Checkpoint checkpoint = Checkpoint.deserializeRecord(r);
                            if (checkpoint.consumerGroupId().equals(group)) {
                                latest.put(checkpoint.topicPartition(), checkpoint);
                            }
                        }
                        return committed.entrySet().stream().allMatch(e -> {
                            Checkpoint c = latest.get(new TopicPartition(remote, e.getKey().partition()));
                            return c != null && c.upstreamOffset() == e.getValue();
                        });
                    });
        } catch (ConditionTimeoutException e) {
            out.printf("No checkpoint of every partition yet: committed on A %s, latest checkpoints on B %s%n",
                    committed, latest);
            throw e;
        }
        GroupReads.sendInTransactions(a.producer(Map.of("transactional.id", a.groupId("collector-2")),
                new StringSerializer(), new StringSerializer()), topic, backlog, PER_TRANSACTION);
        Awaitility.await("MirrorMaker 2 copied the backlog to " + remote).atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> b.readToEnd(remote, new StringDeserializer(), new StringDeserializer()).size()
                        == events.size());
        out.printf("%d more events on A after the group's commit; all %d on B after %.1f s%n", backlog.size(),
                events.size(), seconds(started));
        Map<TopicPartition, OffsetAndMetadata> translated = new HashMap<>();
        Awaitility.await("RemoteClusterUtils.translateOffsets for dashboard").atMost(WAIT)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    translated.clear();
                    translated.putAll(RemoteClusterUtils.translateOffsets(mirror.targetClientConfig(),
                            TwoClusterMirror.SOURCE, group, Duration.ofSeconds(10)));
                    return translated.size() == committed.size();
                });
        out.printf("Checkpoints of the group on B after %.1f s. Offsets on A and translated for B"
                + " (B has no transaction markers):%n", seconds(started));
        committed.forEach((tp, offset) -> out.printf("  partition %d: A %4d -> B %4d%n", tp.partition(), offset,
                translated.get(new TopicPartition(remote, tp.partition())).offset()));

        out.println("\nA is lost. The group moves to B: translated offsets committed there, consumers start on B.");
        try {
            b.admin().alterConsumerGroupOffsets(group, translated).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not commit the translated offsets of " + group + " on B", e);
        }
        KafkaConsumer<String, String> onB = b.consumer(group, new StringDeserializer(), new StringDeserializer());
        Set<UUID> readOnB = new HashSet<>();
        GroupReads.fromCommittedToEnd(onB, remote, WAIT).forEach(r -> readOnB.add(eventId(r)));
        Set<UUID> all = new HashSet<>(readOnA);
        all.addAll(readOnB);
        Set<UUID> twice = new HashSet<>(readOnA);
        twice.retainAll(readOnB);
        int lost = (int) events.stream().filter(e -> !all.contains(e.eventId())).count();
        out.printf("Read on A %d, on B %d: lost %d, read twice %d (the translation is conservative: it never points past a record the group had not read)%n",
                readOnA.size(), readOnB.size(), lost, twice.size());
        return new Result(events.size(), readOnA.size(), readOnB.size(), lost, twice.size(), remote, identity,
                retention.get(), committed, Map.copyOf(translated));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String topicConfig(org.apache.kafka.clients.admin.Admin admin, String topic, String key)
            throws Exception {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        var entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key);
        return entry == null ? null : entry.value();
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        return AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8)).eventId();
    }
}
