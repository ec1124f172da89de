package dev.kafkacourse.session12;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Offsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exercise 1: PartitionProgress, on its own and inside the worker pool against a real broker. */
@KafkaTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartitionProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void commitsOnlyTheUnbrokenRunOfCompletedRecordsAndTheOffsetAfterIt() {
        PartitionProgress progress = new PartitionProgress();
        assertThat(progress.committable()).as("nothing started").isEmpty();
        // Resumed at a committed offset, as after a restart: the partition does not start at 0.
        for (long offset = 1_000; offset < 1_005; offset++) {
            progress.started(offset);
        }
        assertThat(progress.inFlight()).isEqualTo(5);
        progress.completed(1_001);
        assertThat(progress.committable()).as("1000 still in flight, 1001 done").isEmpty();
        progress.completed(1_000);
        assertThat(progress.committable()).as("1000 and 1001 done: the next to read is 1002").hasValue(1_002);
        progress.completed(1_003);
        assertThat(progress.committable()).as("1002 still in flight, 1003 done").hasValue(1_002);
        progress.completed(1_002);
        assertThat(progress.committable()).as("1000..1003 done, 1004 in flight").hasValue(1_004);
        progress.completed(1_004);
        assertThat(progress.committable()).as("all done").hasValue(1_005);
        assertThat(progress.inFlight()).isZero();
    }

    @Test
    void offsetsWithGapsFromTransactionMarkersStillCommitToTheEnd() {
        PartitionProgress progress = new PartitionProgress();
        // 11 and 14 are transaction markers: a consumer never sees them.
        for (long offset : new long[] {10, 12, 13, 15}) {
            progress.started(offset);
        }
        progress.completed(10);
        progress.completed(12);
        progress.completed(13);
        assertThat(progress.committable()).as("10, 12, 13 done; 15 in flight").hasValue(15);
        progress.completed(15);
        assertThat(progress.committable()).as("all done").hasValue(16);
        progress.started(16);
        progress.started(17);
        progress.completed(17);
        assertThat(progress.committable()).as("16 in flight again").hasValue(16);
    }

    @Test
    void aCrashWhileAnEarlierRecordIsStuckLosesNothingAndRepeatsOnlyWhatFollowedIt(KafkaFixture kafka) {
        GeneratedEvents traffic = Traffic.clean(1201, 150);
        // One record with a lane to itself: its "I/O" hangs, while every later record completes on other lanes.
        String stuckKey = "stuck";
        int stuckIndex = traffic.records().size() / 3;
        String topic = kafka.createTopic("ad-events", 1);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        for (int i = 0; i < traffic.records().size(); i++) {
            GeneratedRecord record = traffic.records().get(i);
            producer.send(new ProducerRecord<>(topic, i == stuckIndex ? stuckKey : record.key(), record.value()));
        }
        producer.flush();
        int total = traffic.records().size();
        TopicPartition partition = new TopicPartition(topic, 0);
        String group = kafka.groupId("pool");
        ProcessedLog log = new ProcessedLog();
        CountDownLatch release = new CountDownLatch(1);
        RecordWork work = record -> {
            if (record.key().equals(stuckKey)) {
                release.await(); // a hung call; crash() interrupts it
            }
            log.apply(record);
        };

        WorkerPoolConsumer pool = new WorkerPoolConsumer(Traffic.consumer(kafka, group, Map.of()), topic, LANES,
                10_000, PartitionProgressTest::stuckKeyAlone, work).start();
        Awaitility.await("every record but the stuck one applied").atMost(WAIT)
                .until(() -> log.size() >= total - 1 || pool.failure() != null);
        int loops = pool.loops();
        Awaitility.await("two more turns of the poll loop, each ending with a commit").atMost(WAIT)
                .until(() -> pool.loops() >= loops + 2 || pool.failure() != null);
        pool.crash();
        assertThat(pool.failure()).isNull();
        Long committedAtCrash = Offsets.committed(kafka.admin(), group).get(partition);
        assertThat(committedAtCrash).as("committed offset while offset %d was still in flight", stuckIndex)
                .isEqualTo((long) stuckIndex);

        release.countDown();
        WorkerPoolConsumer restarted = new WorkerPoolConsumer(Traffic.consumer(kafka, group, Map.of()), topic,
                LANES, 10_000, PartitionProgressTest::stuckKeyAlone, work).start();
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        Awaitility.await("the restarted pool applies every event").atMost(WAIT)
                .until(() -> log.accountFor(traffic).lost() == 0 || restarted.failure() != null);
        restarted.close(); // a graceful stop: finishes and commits
        assertThat(restarted.failure()).isNull();

        ProcessedLog.Accounting accounting = log.accountFor(traffic);
        assertThat(accounting.lost()).as("events lost").isZero();
        assertThat(accounting.duplicates()).as("events applied again: exactly those after the stuck one")
                .isEqualTo(total - stuckIndex - 1);
        assertThat(Offsets.committed(kafka.admin(), group)).as("committed after the restart").isEqualTo(ends);
    }

    @Test
    void transactionalTopicsWithMarkerGapsAreCommittedToTheirEnd(KafkaFixture kafka) {
        GeneratedEvents traffic = Traffic.clean(1202, 200);
        String topic = kafka.createTopic("ad-events-tx", 2);
        KafkaProducer<String, byte[]> producer = kafka.producer(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.topicName("tx")), new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        List<GeneratedRecord> records = traffic.records();
        for (int from = 0; from < records.size(); from += 40) {
            producer.beginTransaction();
            for (GeneratedRecord record : records.subList(from, Math.min(records.size(), from + 40))) {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.commitTransaction(); // leaves a marker: the next record's offset is this one's + 2
        }
        String group = kafka.groupId("pool");
        ProcessedLog log = new ProcessedLog();
        WorkerPoolConsumer pool = new WorkerPoolConsumer(Traffic.consumer(kafka, group, Map.of()), topic, LANES,
                10_000, PartitionProgressTest::stuckKeyAlone, log::apply).start();
        Awaitility.await("every record applied").atMost(WAIT)
                .until(() -> log.size() >= records.size() || pool.failure() != null);
        pool.close();
        assertThat(pool.failure()).isNull();

        assertThat(log.accountFor(traffic).lost()).isZero();
        // One past each partition's last record. The end offset is one more: the last transaction's marker, which
        // no record reaches (a consumer that commits its position would cover it; lag stays at 1 otherwise).
        Map<TopicPartition, Long> afterLastRecord = new java.util.HashMap<>();
        log.entries().forEach(entry -> afterLastRecord.merge(new TopicPartition(topic, entry.partition()),
                entry.offset() + 1, Math::max));
        assertThat(afterLastRecord.values().stream().mapToLong(Long::longValue).sum()).as("offsets incl. gaps")
                .isGreaterThan(traffic.records().size());
        assertThat(Offsets.committed(kafka.admin(), group)).as("committed offsets").isEqualTo(afterLastRecord);
    }

    private static final int LANES = 64;

    /** Lane 0 for the stuck record only; the others spread over the remaining lanes by key. */
    private static int stuckKeyAlone(String key, int partition, int lanes) {
        return "stuck".equals(key) ? 0 : 1 + Math.floorMod(key.hashCode(), lanes - 1);
    }
}
