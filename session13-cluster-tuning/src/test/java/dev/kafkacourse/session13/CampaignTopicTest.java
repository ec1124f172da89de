package dev.kafkacourse.session13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import dev.kafkacourse.support.kafka.Offsets;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1: CampaignTopic, on a broker whose cleaner and retention checks run every fraction of a second (in
 * production they run every 15 s and 5 min; the topic settings are the same).
 */
@KafkaTest(brokerProperties = {FastBrokerChecks.RETENTION_CHECK_INTERVAL, FastBrokerChecks.INITIAL_TASK_DELAY,
        FastBrokerChecks.CLEANER_BACKOFF, FastBrokerChecks.CLEANER_DEDUPE_BUFFER})
class CampaignTopicTest {

    private static final Duration EDIT_GAP = Duration.ofMinutes(1);
    private static final Duration SEGMENT_ROLL = Duration.ofSeconds(30);

    @Test
    void theTopicIsCompactedOnlyWithTheGivenTimings(KafkaFixture kafka) {
        Map<String, String> configs = CampaignTopic.topicConfigs(SEGMENT_ROLL, Duration.ofMillis(250));
        String topic = kafka.createTopic("campaigns", 1, kafka.defaultReplicationFactor(), configs);

        Config applied = TopicConfigs.describeTopic(kafka.admin(), topic);
        assertThat(applied.get("cleanup.policy").value()).as("cleanup.policy: compact and nothing else")
                .isEqualTo("compact");
        assertThat(applied.get("segment.ms").value()).isEqualTo("30000");
        assertThat(applied.get("delete.retention.ms").value()).isEqualTo("250");
        assertThat(applied.get("min.compaction.lag.ms").value()).isEqualTo("0");
        assertThat(Double.parseDouble(applied.get("min.cleanable.dirty.ratio").value())).isLessThanOrEqualTo(0.1);
    }

    @Test
    void impossibleTimingsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> CampaignTopic.topicConfigs(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentRoll");
        assertThatThrownBy(() -> CampaignTopic.topicConfigs(Duration.ofMinutes(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tombstoneRetention");
        assertThat(CampaignTopic.topicConfigs(Duration.ofHours(1), Duration.ZERO))
                .containsEntry("segment.ms", "3600000").containsEntry("delete.retention.ms", "0");
    }

    @Test
    void readTableAppliesEveryUpdateAndTombstoneAcrossPartitions(KafkaFixture kafka) {
        // A plain (uncompacted) topic: the reader alone must turn the history into the table.
        String topic = kafka.createTopic("campaigns", 3);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        // Older history, then deleted as retention or an operator would: the log no longer starts at offset 0.
        List<CampaignEdits.Edit> history = new ArrayList<>();
        for (String id : List.of("c-001", "c-002", "c-003", "c-004", "c-900", "c-901", "c-902")) {
            history.add(new CampaignEdits.Edit(id, new Campaign(id, "Old " + id, 1_000_000, CampaignStatus.ENDED),
                    start.minus(Duration.ofMinutes(30)).toEpochMilli()));
        }
        CampaignEdits.publish(producer(kafka), topic, history);
        deleteEverythingSoFar(kafka, topic);

        List<CampaignEdits.Edit> edits = new ArrayList<>(CampaignEdits.day(start, EDIT_GAP));
        Campaign extra = new Campaign("c-006", "Retargeting", 5_000_000, CampaignStatus.ACTIVE);
        edits.add(new CampaignEdits.Edit("c-006", extra, start.plus(Duration.ofMinutes(20)).toEpochMilli()));
        edits.add(new CampaignEdits.Edit("c-404", null, start.plus(Duration.ofMinutes(21)).toEpochMilli()));
        edits.add(new CampaignEdits.Edit("c-002", null, start.plus(Duration.ofMinutes(22)).toEpochMilli()));
        edits.add(new CampaignEdits.Edit("c-002", new Campaign("c-002", "App install again", 1_000_000,
                CampaignStatus.ACTIVE), start.plus(Duration.ofMinutes(23)).toEpochMilli()));
        CampaignEdits.publish(producer(kafka), topic, edits);

        Map<String, Campaign> table = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CampaignTopic.readTable(latestConsumer(kafka), topic),
                "readTable must stop at the end offsets it found, not wait for new records");

        assertThat(table).isEqualTo(CampaignTables.of(edits)).containsOnlyKeys("c-001", "c-002", "c-004", "c-006");
        assertThat(table.get("c-001").dailyBudgetMicros()).isEqualTo(100_000_000);
        assertThat(table.get("c-002").name()).isEqualTo("App install again");
    }

    /**
     * The broker decides when a poll returns nothing: a fetch still in flight, a partition whose leader is slow.
     * MockConsumer makes that happen on purpose (an empty poll between records), with logs that no longer start at
     * offset 0, to see that the reader stops on positions and end offsets, not on an empty poll.
     */
    @Test
    void readTableReadsPastAnEmptyPollUpToEveryEndOffset() {
        String topic = "campaigns";
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        TopicPartition p2 = new TopicPartition(topic, 2);
        MockConsumer<String, Campaign> consumer = new MockConsumer<>("latest");
        consumer.updatePartitions(topic, List.of(partitionInfo(topic, 0), partitionInfo(topic, 1),
                partitionInfo(topic, 2)));
        consumer.updateBeginningOffsets(Map.of(p0, 4L, p1, 0L, p2, 10L));
        consumer.updateEndOffsets(Map.of(p0, 7L, p1, 3L, p2, 12L));
        Campaign winter = new Campaign("c-001", "Winter sale", 50_000_000, CampaignStatus.ACTIVE);
        Campaign video = new Campaign("c-003", "Brand video", 80_000_000, CampaignStatus.ACTIVE);
        Campaign install = new Campaign("c-002", "App install", 20_000_000, CampaignStatus.ACTIVE);
        Campaign summer = new Campaign("c-005", "Summer preview", 40_000_000, CampaignStatus.PAUSED);
        Campaign spring = new Campaign("c-004", "Spring teaser", 30_000_000, CampaignStatus.ACTIVE);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(topic, 0, 4, "c-001", winter));
            consumer.addRecord(new ConsumerRecord<>(topic, 0, 5, "c-003", video));
            consumer.addRecord(new ConsumerRecord<>(topic, 1, 0, "c-002", install));
        });
        consumer.scheduleNopPollTask();
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(topic, 0, 6, "c-003", null));
            consumer.addRecord(new ConsumerRecord<>(topic, 1, 1, "c-005", summer));
            consumer.addRecord(new ConsumerRecord<>(topic, 1, 2, "c-002", install.withStatus(CampaignStatus.PAUSED)));
            consumer.addRecord(new ConsumerRecord<>(topic, 2, 10, "c-004", spring));
            consumer.addRecord(new ConsumerRecord<>(topic, 2, 11, "c-004", spring.withBudget(35_000_000)));
        });

        Map<String, Campaign> table = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CampaignTopic.readTable(consumer, topic));

        assertThat(table).as("the table after every partition was read to its end offset").isEqualTo(Map.of(
                "c-001", winter,
                "c-002", install.withStatus(CampaignStatus.PAUSED),
                "c-004", spring.withBudget(35_000_000),
                "c-005", summer));
    }

    @Test
    void anEmptyTopicIsAnEmptyTable(KafkaFixture kafka) {
        String topic = kafka.createTopic("campaigns", 2);

        Map<String, Campaign> table = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CampaignTopic.readTable(latestConsumer(kafka), topic),
                "readTable must return at once when there is nothing to read");

        assertThat(table).isEmpty();
    }

    @Test
    void aConsumerReadingFromTheBeginningSeesExactlyTheCurrentTable(KafkaFixture kafka) {
        String topic = kafka.createTopic("campaigns", 1, kafka.defaultReplicationFactor(),
                CampaignTopic.topicConfigs(SEGMENT_ROLL, Duration.ZERO));
        KafkaProducer<String, Campaign> producer = producer(kafka);
        // Edit times a minute apart, so each edit rolls the segment (segment.ms = 30 s) and becomes cleanable.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        List<CampaignEdits.Edit> edits = new ArrayList<>(CampaignEdits.day(start, EDIT_GAP));
        CampaignEdits.publish(producer, topic, edits);
        TopicPartition partition = new TopicPartition(topic, 0);

        // The campaign service keeps working: each further edit (a new campaign) rolls the active segment, so the
        // cleaner has new dirty data and a later cleaning can drop the tombstone.
        Awaitility.await("the log of " + topic + " to hold exactly the campaign table")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    int n = edits.size();
                    CampaignEdits.Edit next = new CampaignEdits.Edit(String.format("c-%03d", 100 + n),
                            new Campaign(String.format("c-%03d", 100 + n), "Campaign " + n, 1_000_000L * n,
                                    CampaignStatus.ACTIVE), start.plus(EDIT_GAP.multipliedBy(n)).toEpochMilli());
                    edits.add(next);
                    CampaignEdits.publish(producer, topic, List.of(next));
                    List<CompactionLab.LogEntry> log = CompactionLab.read(kafka, partition);
                    Map<String, Campaign> table = CampaignTables.of(edits);
                    assertThat(log).as("the records a consumer reads from the beginning (stale versions or "
                            + "tombstones left: is the topic compacted, does segment.ms let segments roll, is "
                            + "delete.retention.ms short?)")
                            .extracting(CompactionLab.LogEntry::key).doesNotHaveDuplicates()
                            .containsExactlyInAnyOrderElementsOf(table.keySet());
                    assertThat(log).as("tombstones").allSatisfy(e -> assertThat(e.value()).isNotNull());
                    assertThat(CampaignTables.ofLog(log)).isEqualTo(table);
                });

        Map<String, Campaign> table = CampaignTopic.readTable(latestConsumer(kafka), topic);
        assertThat(table).isEqualTo(CampaignTables.of(edits)).doesNotContainKey("c-003");
    }

    private static void deleteEverythingSoFar(KafkaFixture kafka, String topic) {
        Map<TopicPartition, RecordsToDelete> toDelete = new HashMap<>();
        Offsets.end(kafka.admin(), topic).forEach((partition, end) -> toDelete.put(partition,
                RecordsToDelete.beforeOffset(end)));
        try {
            kafka.admin().deleteRecords(toDelete).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("deleteRecords failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        assertThat(Offsets.earliest(kafka.admin(), topic).values()).as("log start offsets after deleteRecords")
                .anySatisfy(offset -> assertThat(offset).isPositive());
    }

    private static PartitionInfo partitionInfo(String topic, int partition) {
        return new PartitionInfo(topic, partition, null, new Node[0], new Node[0]);
    }

    private static KafkaProducer<String, Campaign> producer(KafkaFixture kafka) {
        return kafka.producer(new StringSerializer(), CampaignJson.serializer());
    }

    /** A consumer of a group that would start at the end: only assign + seekToBeginning reads everything. */
    private static Consumer<String, Campaign> latestConsumer(KafkaFixture kafka) {
        return kafka.consumer(kafka.groupId("table"), Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), CampaignJson.deserializer());
    }
}
