package dev.kafkacourse.session08;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them. */
@KafkaTest
class Session08LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void theAggregatorCountsExactlyCommitsToTheEndAndResumesFromTheCommit(KafkaFixture kafka) {
        AggregatorLab.Result result = AggregatorLab.run(kafka, out, 1_500);

        assertThat(result.counted()).isEqualTo(result.expected());
        assertThat(result.eventsCounted() + result.skipped()).isEqualTo(result.recordsSent());
        assertThat(result.skipped()).isEqualTo(result.malformedSent()).isPositive();
        assertThat(result.committed()).isEqualTo(result.endOffsets()).hasSize(3);
        assertThat(result.countedAfterRestart()).isEqualTo(result.expectedAfterRestart());
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain(" NO").contains("exactly the new ones");
    }

    @Test
    void threeMembersShareThePartitionsAndTheirSharesAddUp(KafkaFixture kafka) {
        GroupSharingLab.Result result = GroupSharingLab.run(kafka, out);

        assertThat(result.shares()).hasSize(GroupSharingLab.MEMBERS)
                .allSatisfy(share -> assertThat(share.partitions()).hasSize(2));
        Set<Integer> all = new HashSet<>();
        result.shares().forEach(share -> all.addAll(share.partitions()));
        assertThat(all).hasSize(GroupSharingLab.PARTITIONS);
        assertThat(result.merged()).isEqualTo(result.expected());
        // Key = campaign: no campaign is split between two members.
        result.expected().keySet().forEach(campaign -> assertThat(
                result.shares().stream().filter(share -> share.stats().containsKey(campaign))).hasSize(1));
    }

    @Test
    void eagerStrategiesRevokeEverythingWhileCooperativeStickyMovesOnlyWhatItMust(KafkaFixture kafka) {
        AssignmentStrategiesLab.Result result = AssignmentStrategiesLab.run(kafka, out);

        assertThat(result.runs()).extracting(AssignmentStrategiesLab.ScaleUp::strategy)
                .containsExactly(Strategy.RANGE, Strategy.ROUND_ROBIN, Strategy.COOPERATIVE_STICKY);
        for (AssignmentStrategiesLab.ScaleUp run : result.runs()) {
            assertThat(run.after()).hasSize(3).allSatisfy(owned -> assertThat(owned).hasSize(2));
            if (run.strategy().protocol() == org.apache.kafka.clients.consumer.ConsumerPartitionAssignor
                    .RebalanceProtocol.EAGER) {
                // Eager: both old members gave up everything they had, and kept nothing through the rebalance.
                for (int member = 0; member < 2; member++) {
                    assertThat(run.revoked().get(member)).isEqualTo(run.before().get(member));
                    assertThat(run.kept(member)).isEmpty();
                }
            } else {
                // Cooperative: only the partitions that moved to m3 were revoked, one from each old member.
                Set<TopicPartition> revoked = new HashSet<>(run.revoked().get(0));
                revoked.addAll(run.revoked().get(1));
                assertThat(revoked).isEqualTo(run.after().get(2));
                for (int member = 0; member < 2; member++) {
                    assertThat(run.revoked().get(member)).hasSize(1);
                    assertThat(run.kept(member)).isEqualTo(run.after().get(member));
                }
            }
        }
        // Range works topic by topic: with 3 partitions per topic, m1 gets 2 of each and m2 1 of each.
        AssignmentStrategiesLab.ScaleUp range = result.runs().get(0);
        assertThat(range.before()).extracting(Set::size).containsExactly(4, 2);
        AssignmentStrategiesLab.ScaleUp roundRobin = result.runs().get(1);
        assertThat(roundRobin.before()).extracting(Set::size).containsExactly(3, 3);
    }

    @Test
    void uncommittedWorkIsCountedAgainUnlessTheRevocationCommitsIt(KafkaFixture kafka) {
        UncommittedWorkLab.Result result = UncommittedWorkLab.run(kafka, out);

        assertThat(result.runs()).hasSize(4);
        for (UncommittedWorkLab.Run run : result.runs()) {
            assertThat(run.commitsBeforeJoin()).isZero();
            if (run.commitOnRevoke()) {
                assertThat(run.countedTwice()).isZero();
                assertThat(run.merged()).isEqualTo(run.expected());
            } else if (run.strategy() == Strategy.RANGE) {
                // Eager: m1 re-reads its own partitions too, so the whole first half is counted twice.
                assertThat(run.countedTwice()).isEqualTo(run.countedBeforeJoin());
            } else {
                // Cooperative: only the partition that moved to m2 is read again.
                assertThat(run.countedTwice()).isPositive().isLessThan(run.countedBeforeJoin());
            }
        }
    }
}
