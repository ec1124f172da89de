package dev.kafkacourse.session03;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The session's labs, run as a learner runs them, on one 3-broker cluster (3 brokers + 1 controller) that the
 * labs stop and restart brokers of. Each lab starts every broker it stopped before it returns.
 */
@KafkaTest(brokers = 3, needsBrokerControl = true)
class Session03LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void leadershipMovesOffAStoppedBrokerAndClientsCarryOn(KafkaFixture kafka) {
        LeaderFailoverLab.Result result = LeaderFailoverLab.run(kafka, out);

        int victim = result.stoppedBroker();
        assertThat(result.before()).hasSize(LeaderFailoverLab.PARTITIONS)
                .allSatisfy(p -> assertThat(p.isr()).hasSize(3).containsExactlyInAnyOrderElementsOf(p.replicas()));
        assertThat(result.before().get(0).leader()).isEqualTo(victim);
        assertThat(result.whileStopped()).allSatisfy(p -> {
            assertThat(p.hasLeader()).isTrue();
            assertThat(p.leader()).isNotEqualTo(victim);
            assertThat(p.isr()).hasSize(2).doesNotContain(victim);
            assertThat(p.replicas()).contains(victim);   // still assigned: it is only out of the ISR
        });
        assertThat(result.afterRestart()).allSatisfy(p -> assertThat(p.isr()).hasSize(3).contains(victim))
                .allSatisfy(p -> assertThat(p.leader()).isNotEqualTo(victim));
        assertThat(result.afterPreferredElection())
                .allSatisfy(p -> assertThat(p.leader()).isEqualTo(p.preferredLeader()));
        assertThat(result.afterPreferredElection().get(0).leader()).isEqualTo(victim);
        int expected = 3 * LeaderFailoverLab.EVENTS_PER_PHASE;
        assertThat(result.sent()).isEqualTo(expected);
        assertThat(result.consumed()).isEqualTo(expected);
        assertThat(result.distinctConsumed()).isEqualTo(expected);
    }

    @Test
    void acksAllIsRefusedBelowMinInsyncReplicasWhileAcksOneIsNot(KafkaFixture kafka) {
        MinInsyncReplicasLab.Result result = MinInsyncReplicasLab.run(kafka, out);

        assertThat(result.healthy().isr()).hasSize(3);
        assertThat(result.oneDown().isr()).hasSize(2);
        assertThat(result.acksAllAcceptedOneDown()).isTrue();
        assertThat(result.twoDown().isr()).containsExactly(result.healthy().leader());
        assertThat(result.twoDown().leader()).isEqualTo(result.healthy().leader());
        assertThat(result.acksAllRefusedNoRetries()).isInstanceOf(NotEnoughReplicasException.class);
        assertThat(result.acksAllRefusedRetrying()).isInstanceOf(TimeoutException.class);
        // Records before it: click-1, click-2 (healthy), click-3 (one down); acks=1 lands at offset 3.
        assertThat(result.acksOneOffset()).isEqualTo(3);
        assertThat(result.highWatermarkTwoDown()).isEqualTo(3);   // acknowledged, not yet readable
        assertThat(result.recovered().isr()).hasSizeGreaterThanOrEqualTo(MinInsyncReplicasLab.MIN_INSYNC_REPLICAS);
        assertThat(result.highWatermarkRecovered()).isGreaterThan(3);
        assertThat(result.acksOneValueReadAfterRecovery()).isEqualTo("click-6");
        assertThat(result.acksAllAcceptedRecovered()).isTrue();
    }

    @Test
    void uncleanElectionTradesAcknowledgedRecordsForAvailability(KafkaFixture kafka) {
        UncleanElectionLab.Result result = UncleanElectionLab.run(kafka, out);

        UncleanElectionLab.Scenario off = result.uncleanOff();
        assertThat(off.ackedByLeaderAlone()).isEqualTo(UncleanElectionLab.ACKED_BY_LEADER_ALONE);
        assertThat(off.leaderless().hasLeader()).isFalse();
        assertThat(off.staleReplicaBack().hasLeader()).as("no leader while only the stale replica is back").isFalse();
        assertThat(off.refusedWhileLeaderless()).isInstanceOf(TimeoutException.class);
        assertThat(off.recordsAtEnd()).isEqualTo(UncleanElectionLab.COMMITTED + UncleanElectionLab.ACKED_BY_LEADER_ALONE);
        assertThat(off.lost()).isZero();

        UncleanElectionLab.Scenario on = result.uncleanOn();
        int follower = on.leaderless().replicas().get(1);
        assertThat(on.leaderless().hasLeader()).isFalse();
        assertThat(on.readBeforeLeaderLoss()).isEqualTo(UncleanElectionLab.ACKED_BY_LEADER_ALONE);
        assertThat(on.staleReplicaBack().leader()).isEqualTo(follower);
        assertThat(on.readableAfterStaleBack()).isEqualTo(UncleanElectionLab.COMMITTED);
        assertThat(on.end().isr()).hasSize(2);
        assertThat(on.recordsAtEnd()).isEqualTo(UncleanElectionLab.COMMITTED + UncleanElectionLab.WRITTEN_AFTER_ELECTION);
        assertThat(on.lost()).isEqualTo(UncleanElectionLab.ACKED_BY_LEADER_ALONE);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("acknowledged but gone: 40");
    }
}
