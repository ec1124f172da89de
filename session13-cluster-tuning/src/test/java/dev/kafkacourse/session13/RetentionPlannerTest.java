package dev.kafkacourse.session13;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** Exercise 2: RetentionPlanner, against the worked numbers of the guide (연습 2) and a real broker. */
@KafkaTest
class RetentionPlannerTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    @Test
    void adEventsKeepsThreeDaysOnThreeTerabytes() {
        // 3,000 GiB for 12 partitions x RF 3 = 83.3 GiB per replica: segments hit the 1 GiB cap.
        RetentionPlan plan = RetentionPlanner.plan(
                new RetentionRequirement(3_000 * GIB, 2 * MIB, 3, 12, Duration.ofDays(3)));

        assertThat(plan).isEqualTo(new RetentionPlan(259_200_000L, 87_331_001_685L, 1_073_741_824L));
    }

    @Test
    void aSmallerTopicGetsSegmentsOfATenthOfItsReplicaBudget() {
        // 60 GiB for 6 partitions x RF 3 = 3.3 GiB per replica: segment = a tenth of it.
        RetentionPlan plan = RetentionPlanner.plan(
                new RetentionRequirement(60 * GIB, 50 * 1024, 3, 6, Duration.ofDays(1)));

        assertThat(plan).isEqualTo(new RetentionPlan(86_400_000L, 2_863_311_531L, 357_913_941L));
    }

    @Test
    void aReplayWindowThatDoesNotFitIsRejectedWithTheBudgetItNeeds() {
        // Seven days need 105,696,460,800 bytes per partition; 3,000 GiB leaves 87,331,001,685.
        assertThatThrownBy(() -> RetentionPlanner.plan(
                new RetentionRequirement(3_000 * GIB, 2 * MIB, 3, 12, Duration.ofDays(7))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window")
                .hasMessageContaining("3882382000128");
    }

    @Test
    void theBudgetIsExactlyEnoughAtTheMinimumItNames() {
        RetentionPlan plan = RetentionPlanner.plan(
                new RetentionRequirement(3_882_382_000_128L, 2 * MIB, 3, 12, Duration.ofDays(7)));

        assertThat(plan.retentionBytes()).isEqualTo(105_696_460_800L);
        assertThatThrownBy(() -> RetentionPlanner.plan(
                new RetentionRequirement(3_882_382_000_128L - 36, 2 * MIB, 3, 12, Duration.ofDays(7))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window");
    }

    @Test
    void windowBytesAreRoundedUpAndASmallTopicNamesItsExactMinimumBudget() {
        // 1,001 B/s over 3 partitions for a day and 1 ms: 28,828,800.33 bytes per partition, so 28,828,801 are
        // needed. Segments are a tenth of the replica budget here (far below the 1 GiB cap).
        Duration window = Duration.ofDays(1).plusMillis(1);
        RetentionPlan plan = RetentionPlanner.plan(new RetentionRequirement(216_216_006L, 1_001, 2, 3, window));

        assertThat(plan).isEqualTo(new RetentionPlan(86_400_001L, 28_828_801L, 3_603_600L));
        // One byte less per replica (6 bytes over 6 replicas) leaves 28,828,800: a fraction of a byte short.
        assertThatThrownBy(() -> RetentionPlanner.plan(new RetentionRequirement(216_216_000L, 1_001, 2, 3, window)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window")
                .hasMessageContaining("216216006");
    }

    @Test
    void aBudgetTooSmallForOneMebibyteSegmentsIsRejected() {
        // 12 MiB over 3 partitions = 4 MiB per replica: a segment of 0.4 MiB is below Kafka's minimum.
        assertThatThrownBy(() -> RetentionPlanner.plan(
                new RetentionRequirement(12 * MIB, 10, 1, 3, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment.bytes");
    }

    @Test
    void largeInputsDoNotOverflow() {
        // 1 GB/s for 200 years (6.3e18 bytes) does not fit; for one year it does, but bytes/s x ms is beyond a long.
        assertThatThrownBy(() -> RetentionPlanner.plan(
                new RetentionRequirement(Long.MAX_VALUE / 2, 1_000_000_000L, 1, 1, Duration.ofDays(73_000))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window");
        RetentionPlan plan = RetentionPlanner.plan(
                new RetentionRequirement(Long.MAX_VALUE / 2, 1_000_000_000L, 1, 1, Duration.ofDays(365)));
        assertThat(plan.retentionBytes()).isEqualTo(Long.MAX_VALUE / 2 - 2 * GIB);
    }

    @Test
    void nonsenseInputIsRejectedNamingTheField() {
        record Case(RetentionRequirement requirement, String field) {
        }
        Duration day = Duration.ofDays(1);
        for (Case c : List.of(
                new Case(new RetentionRequirement(0, MIB, 3, 6, day), "diskBudgetBytes"),
                new Case(new RetentionRequirement(100 * GIB, -1, 3, 6, day), "ingestBytesPerSecond"),
                new Case(new RetentionRequirement(100 * GIB, MIB, 0, 6, day), "replicationFactor"),
                new Case(new RetentionRequirement(100 * GIB, MIB, 3, 0, day), "partitions"),
                new Case(new RetentionRequirement(100 * GIB, MIB, 3, 6, Duration.ZERO), "replayWindow"),
                new Case(new RetentionRequirement(100 * GIB, MIB, 3, 6, null), "replayWindow"))) {
            assertThatThrownBy(() -> RetentionPlanner.plan(c.requirement())).as(c.field())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c.field());
        }
    }

    @Test
    void theBrokerAcceptsAndAppliesThePlan(KafkaFixture kafka) {
        short replication = kafka.defaultReplicationFactor();
        RetentionPlan plan = RetentionPlanner.plan(
                new RetentionRequirement(96 * MIB * replication, 100, replication, 2, Duration.ofHours(1)));
        assertThat(plan).isEqualTo(new RetentionPlan(3_600_000L, 40_265_320L, 5_033_164L));

        String topic = kafka.createTopic("ad-events", 2, replication, plan.topicConfigs());

        Config config = TopicConfigs.describeTopic(kafka.admin(), topic);
        for (String name : List.of("retention.ms", "retention.bytes", "segment.bytes")) {
            assertThat(config.get(name).value()).as(name).isEqualTo(plan.topicConfigs().get(name));
            assertThat(config.get(name).source()).as(name).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }
}
