package dev.kafkacourse.session12;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exercise 2: KeyLanes.laneFor, on its own and in the worker pool against a real broker. */
@KafkaTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyLanesTest {

    @Test
    void everyKeyAlwaysGetsTheSameLaneInRange() {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            keys.add(String.format("c-%03d", i));
        }
        keys.add("polygenelubricants"); // its hashCode is Integer.MIN_VALUE
        keys.add("");
        for (int lanes : new int[] {1, 3, 6, 10}) {
            for (String key : keys) {
                int lane = KeyLanes.laneFor(key, 0, lanes);
                assertThat(lane).as("lane of %s among %d lanes", key, lanes).isBetween(0, lanes - 1);
                for (int again = 0; again < 3; again++) {
                    assertThat(KeyLanes.laneFor(key, 0, lanes)).as("lane of %s asked again", key).isEqualTo(lane);
                }
            }
        }
    }

    @Test
    void aRecordWithoutAKeyFollowsItsPartition() {
        for (int partition = 0; partition < 12; partition++) {
            int lane = KeyLanes.laneFor(null, partition, 6);
            assertThat(lane).isBetween(0, 5);
            assertThat(KeyLanes.laneFor(null, partition, 6)).as("the lane of partition %d's records", partition)
                    .isEqualTo(lane);
        }
    }

    @Test
    void theWorkerPoolAppliesEveryCampaignsEventsInProduceOrder(KafkaFixture kafka) {
        GeneratedEvents traffic = Traffic.clean(1203, 400);
        String topic = Traffic.produce(kafka, "ad-events", 3, traffic);
        ProcessedLog log = new ProcessedLog();
        // Uneven per-record work (2–5 ms), so records of one key on two lanes would overtake each other.
        WorkerPoolConsumer pool = new WorkerPoolConsumer(Traffic.consumer(kafka, kafka.groupId("pool"), Map.of()),
                topic, 8, 10_000, SimulatedIo.then(log::apply)).start();
        Awaitility.await("every record applied").atMost(Duration.ofSeconds(40))
                .until(() -> log.size() >= traffic.records().size() || pool.failure() != null);
        pool.close();
        assertThat(pool.failure()).isNull();
        ProcessedLog.Accounting accounting = log.accountFor(traffic);
        assertThat(accounting.lost()).isZero();
        assertThat(accounting.keyOrderBreaks()).as("events applied after a later event of the same campaign")
                .isZero();
    }
}
