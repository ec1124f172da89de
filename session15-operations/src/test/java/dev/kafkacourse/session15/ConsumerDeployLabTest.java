package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lab 2 as a learner runs it, on the shared broker: counts only, never timings. */
@KafkaTest
class ConsumerDeployLabTest {

    @Test
    void cooperativeAndStaticMembershipSpareTheMembersThatAreNotBeingRestarted(KafkaFixture kafka) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ConsumerDeployLab.Result result = ConsumerDeployLab.run(kafka,
                new PrintStream(output, true, StandardCharsets.UTF_8));
        System.out.println(output.toString(StandardCharsets.UTF_8));   // the lab's report, kept in the test log

        RebalanceTally.Counts eager = result.eagerRolling().counts();
        RebalanceTally.Counts cooperative = result.cooperativeRolling().counts();
        assertThat(eager.bystanderFullRevocations()).as("eager: a bystander loses everything in each rebalance")
                .isPositive();
        assertThat(cooperative.bystanderFullRevocations()).as("cooperative: bystanders keep partitions").isZero();
        assertThat(cooperative.bystanderRevokedPartitions()).isLessThan(eager.bystanderRevokedPartitions());

        RebalanceTally.Counts quick = result.staticQuickRestart().counts();
        assertThat(quick.bystanderRebalances()).as("static member's quick restart: no rebalance for the others")
                .isZero();
        assertThat(quick.bystanderRevokedPartitions()).isZero();
        assertThat(result.staticQuickRestart().after()).isEqualTo(result.staticQuickRestart().before());

        assertThat(result.stopTheWorld().counts().rebalances()).isGreaterThanOrEqualTo(ConsumerDeployLab.MEMBERS);

        result.consumerProtocolRolling().ifPresent(deploy -> {   // only where group.version >= 1 is finalized
            assertThat(deploy.counts().bystanderFullRevocations()).as("KIP-848: incremental, like cooperative")
                    .isZero();
            assertThat(deploy.counts().bystanderRevokedPartitions()).isLessThan(eager.bystanderRevokedPartitions());
        });
    }
}
