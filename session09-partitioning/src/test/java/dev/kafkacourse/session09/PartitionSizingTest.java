package dev.kafkacourse.session09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Exercise 2: PartitionSizing, with the worked numbers of the guide (docs/session09-partitioning.md). */
class PartitionSizingTest {

    @Test
    void guideExampleAdEventsAtPeakAreConsumerBound() {
        // t = 60,000 events/s, p = 20,000/s, c = 7,500/s: max(3, 8) = 8
        assertThat(PartitionSizing.partitionsFor(60_000, 20_000, 7_500)).isEqualTo(8);
    }

    @Test
    void guideExampleInMegabytesIsProducerBound() {
        // t = 50 MB/s, p = 10 MB/s, c = 20 MB/s: max(5, 2.5) = 5
        assertThat(PartitionSizing.partitionsFor(50, 10, 20)).isEqualTo(5);
    }

    @Test
    void guideExampleWithFractionsRoundsUp() {
        // t = 100,000/s, p = 30,000/s, c = 12,000/s: max(3.33, 8.33) -> 9
        assertThat(PartitionSizing.partitionsFor(100_000, 30_000, 12_000)).isEqualTo(9);
    }

    @Test
    void aSmallTargetStillNeedsOnePartition() {
        assertThat(PartitionSizing.partitionsFor(500, 20_000, 7_500)).isEqualTo(1);
    }

    @Test
    void wholeNumbersUpToFloatingPointNoiseAreNotRoundedUp() {
        // 4.2 / 0.7 is 6.000000000000001 in double arithmetic: still 6 partitions, not 7
        assertThat(PartitionSizing.partitionsFor(4.2, 0.7, 1)).isEqualTo(6);
    }

    @Test
    void guideExamplePlanForTwiceTheTrafficOnThreeBrokers() {
        // t × 2 = 120,000/s: max(6, 16) = 16, rounded up to a multiple of 3 brokers = 18
        assertThat(PartitionSizing.plan(60_000, 2.0, 20_000, 7_500, 3)).isEqualTo(18);
        // already a multiple: 8 on 2 brokers stays 8; on 1 broker the plan is the bare count
        assertThat(PartitionSizing.plan(60_000, 1.0, 20_000, 7_500, 2)).isEqualTo(8);
        assertThat(PartitionSizing.plan(100_000, 1.0, 30_000, 12_000, 1)).isEqualTo(9);
    }

    @Test
    void theGrowthIsAppliedToTheTargetBeforeRoundingUp() {
        // example C twice as big: t = 200,000/s, max(6.67, 16.67) -> 17 (not 9 partitions for today times 2 = 18)
        assertThat(PartitionSizing.plan(100_000, 2.0, 30_000, 12_000, 1)).isEqualTo(17);
        // the same on 3 brokers: 17 -> 18; on 4 brokers: 17 -> 20
        assertThat(PartitionSizing.plan(100_000, 2.0, 30_000, 12_000, 3)).isEqualTo(18);
        assertThat(PartitionSizing.plan(100_000, 2.0, 30_000, 12_000, 4)).isEqualTo(20);
    }

    @Test
    void nonsenseInputsAreRejectedNamingTheArgument() {
        assertThatThrownBy(() -> PartitionSizing.partitionsFor(0, 20_000, 7_500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetPerSecond");
        assertThatThrownBy(() -> PartitionSizing.partitionsFor(60_000, -1, 7_500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producerPerPartition");
        assertThatThrownBy(() -> PartitionSizing.partitionsFor(60_000, 20_000, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumerPerPartition");
        assertThatThrownBy(() -> PartitionSizing.plan(60_000, 0.5, 20_000, 7_500, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("growthFactor");
        assertThatThrownBy(() -> PartitionSizing.plan(60_000, 2.0, 20_000, 7_500, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokers");
    }
}
