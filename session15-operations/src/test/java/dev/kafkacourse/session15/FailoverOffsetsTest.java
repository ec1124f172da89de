package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: FailoverOffsets. A topic written in transactions (its offsets run ahead of its record count) is
 * mirrored A -> B; the group reads part of it on A; after failover it must go on on B without losing a record and
 * reading at most a little twice.
 */
@KafkaTest
class FailoverOffsetsTest {

    private static final int PARTITIONS = 3;
    private static final int PER_TRANSACTION = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theGroupGoesOnOnTheTargetWithoutLossAndWithFewRereads(KafkaFixture a) {
        try (KafkaFixture b = KafkaFixture.on(SharedMirror.target(), "FailoverOffsets-b")) {
            TwoClusterMirror mirror = SharedMirror.mirror();
            String topic = a.createTopic("mirror-clicks", PARTITIONS, (short) 1, Map.of());
            String remote = TwoClusterMirror.remoteTopic(topic);
            List<AdEvent> events = AdEventGenerator.builder().seed(1517).impressions(480).clickThroughRate(0)
                    .build().generate().distinctEvents();
            GroupReads.sendInTransactions(a.producer(Map.of("transactional.id", a.groupId("collector")),
                    new StringSerializer(), new StringSerializer()), topic, events, PER_TRANSACTION);

            String group = a.groupId("billing");
            Set<UUID> readOnA = new HashSet<>();
            // Small polls, so the group stops part-way through the topic and has something left to read on B.
            KafkaConsumer<String, String> onA = a.consumer(group, Map.of("max.poll.records", 20),
                    new StringDeserializer(), new StringDeserializer());
            onA.subscribe(List.of(topic));
            while (readOnA.size() < events.size() * 6 / 10) {
                onA.poll(Duration.ofMillis(100)).forEach(r -> readOnA.add(eventId(r)));
            }
            onA.commitSync();
            onA.unsubscribe();

            Awaitility.await("records and checkpoints of " + group + " on B").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> translated = RemoteClusterUtils.translateOffsets(
                                mirror.targetClientConfig(), TwoClusterMirror.SOURCE, group, Duration.ofSeconds(5));
                        // MirrorMaker 2 translates conservatively (only as far as its offset syncs reach); wait
                        // until its checkpoints cover at least half of what the group read on A.
                        return translated.size() == PARTITIONS && translated.values().stream()
                                .mapToLong(OffsetAndMetadata::offset).sum() >= readOnA.size() / 2;
                    });

            Map<TopicPartition, OffsetAndMetadata> committed = FailoverOffsets.failOver(a.admin(), b.admin(),
                    mirror.targetClientConfig(), TwoClusterMirror.SOURCE, group, Duration.ofSeconds(10));
            assertThat(committed.keySet()).extracting(TopicPartition::topic).containsOnly(remote);

            KafkaConsumer<String, String> onB = b.consumer(group, new StringDeserializer(), new StringDeserializer());
            Set<UUID> readOnB = new HashSet<>();
            for (ConsumerRecord<String, String> record : GroupReads.fromCommittedToEnd(onB, remote, WAIT)) {
                readOnB.add(eventId(record));
            }
            Set<UUID> missing = new HashSet<>();
            events.forEach(e -> missing.add(e.eventId()));
            missing.removeAll(readOnA);
            missing.removeAll(readOnB);
            assertThat(readOnA.size()).as("read on A before the failover").isLessThan(events.size() * 7 / 10);
            assertThat(missing).as("events read neither on A before nor on B after the failover").isEmpty();
            Set<UUID> twice = new HashSet<>(readOnA);
            twice.retainAll(readOnB);
            assertThat(twice.size()).as("events read on A and again on B (read on A: %d)", readOnA.size())
                    .isLessThanOrEqualTo(readOnA.size() / 2);
        }
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        return AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8)).eventId();
    }
}
