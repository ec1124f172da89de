package dev.kafkacourse.session09;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. Measured rates are printed, never asserted. */
@KafkaTest
class Session09LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void aKeyKeepsItsCampaignInOnePartitionAndInOrder(KafkaFixture kafka) {
        KeyOrderingLab.Result result = KeyOrderingLab.run(kafka, out, 1_500);

        KeyOrderingLab.ModeResult keyed = result.keyed();
        assertThat(keyed.received()).isEqualTo(keyed.sent());
        assertThat(keyed.partitions()).hasSize(8).allSatisfy((campaign, partitions) -> assertThat(partitions).isOne());
        assertThat(keyed.consumers()).allSatisfy((campaign, consumers) -> assertThat(consumers).isOne());
        assertThat(keyed.outOfOrder()).allSatisfy((campaign, late) -> assertThat(late).isZero());

        KeyOrderingLab.ModeResult unkeyed = result.unkeyed();
        assertThat(unkeyed.received()).isEqualTo(unkeyed.sent());
        assertThat(unkeyed.partitions().get("c-001")).isGreaterThan(1);
    }

    @Test
    void keyedDistributionFollowsTheSkewWhileRoundRobinIsEven(KafkaFixture kafka) {
        DistributionLab.Result result = DistributionLab.run(kafka, out, 3_000);

        assertThat(result.measurements()).hasSize(3)
                .allSatisfy(m -> assertThat(m.load().total()).isEqualTo(result.sent()));
        DistributionLab.Measurement keyed = result.of(DistributionLab.Strategy.KEYED);
        DistributionLab.Measurement roundRobin = result.of(DistributionLab.Strategy.ROUND_ROBIN);
        DistributionLab.Measurement sticky = result.of(DistributionLab.Strategy.STICKY);
        assertThat(keyed.hotCampaignPartitions()).isOne();
        assertThat(keyed.load().max()).isGreaterThanOrEqualTo(result.hotCampaignEvents());
        assertThat(keyed.load().maxOverMean()).isGreaterThan(1.5);
        assertThat(roundRobin.load().max() - roundRobin.load().min()).isLessThanOrEqualTo(1);
        assertThat(roundRobin.hotCampaignPartitions()).isEqualTo(DistributionLab.PARTITIONS);
        assertThat(sticky.hotCampaignPartitions()).isGreaterThan(1);
        assertThat(keyed.load().maxOverMean()).isGreaterThan(roundRobin.load().maxOverMean());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("records/s", "batch-size-avg");
    }

    @Test
    void aGroupWithMoreConsumersThanPartitionsLeavesOneIdle(KafkaFixture kafka) throws Exception {
        ConsumerParallelismLab.Result result = ConsumerParallelismLab.run(kafka, out);

        assertThat(result.membersByAdmin()).isEqualTo(ConsumerParallelismLab.CONSUMERS);
        assertThat(result.before()).hasSize(ConsumerParallelismLab.CONSUMERS);
        assertThat(result.before().stream().filter(List::isEmpty).count()).isOne();
        assertThat(result.before().stream().flatMap(List::stream).sorted().toList()).containsExactly(0, 1, 2);
        int idle = result.before().indexOf(List.of());
        assertThat(result.readBefore().get(idle)).isZero();
        assertThat(result.readBefore().stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);

        assertThat(result.after()).allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        assertThat(result.readAfter()).allSatisfy(read -> assertThat(read).isPositive());
    }

    @Test
    void partitionCountIsWorkedOutFromTheMeasuredPerPartitionThroughput(KafkaFixture kafka) {
        PartitionCountLab.Result result = PartitionCountLab.run(kafka, out, 60_000, 5_000);

        assertThat(result.producerPerSecond()).isPositive();
        assertThat(result.consumerPerSecond()).isPositive();
        int expected = (int) Math.ceil(Math.max(result.targetPerSecond() / result.producerPerSecond(),
                result.targetPerSecond() / result.consumerPerSecond()));
        assertThat(result.partitions()).isEqualTo(expected).isPositive();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("partitions = max(t/p, t/c)");
    }
}
