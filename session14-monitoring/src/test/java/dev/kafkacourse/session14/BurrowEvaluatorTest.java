package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exercise 1 (core): BurrowEvaluator. Each rule on a real consumer of a real group, watched from outside through
 * {@code __consumer_offsets} and the brokers' end offsets, with a window of the last 5 commits.
 */
@KafkaTest
class BurrowEvaluatorTest {

    @Test
    void aConsumerThatCaughtUpIsOk(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "caught-up")) {
            group.produce(50).consume(10).consume(10).consume(10).consume(10).consume(10);

            assertThat(lags(group)).containsExactly(40L, 30L, 20L, 10L, 0L);
            assertThat(group.statusAtLastCommit()).isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void aConsumerSlowerThanItsProducerIsWarn(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "falling-behind")) {
            for (int i = 0; i < 5; i++) {
                group.produce(20).consume(10);
            }

            assertThat(lags(group)).containsExactly(10L, 20L, 30L, 40L, 50L);
            assertThat(group.statusAtLastCommit()).isEqualTo(LagStatus.WARN);
        }
    }

    @Test
    void aConsumerCatchingUpAfterABurstIsOk(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "catching-up")) {
            group.produce(100).consume(50).produce(20).consume(10).consume(20).consume(20).consume(10);

            // The burst made the lag grow once (50 -> 60); after that it shrinks: not falling behind.
            assertThat(lags(group)).containsExactly(50L, 60L, 40L, 20L, 10L);
            assertThat(group.statusAtLastCommit()).isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void aConsumerCommittingTheSameOffsetBehindTheEndIsStall(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "stuck")) {
            group.produce(30).consume(10);
            for (int i = 0; i < 4; i++) {
                group.failOnSameRecordAndCommit();
            }

            assertThat(group.window()).extracting(OffsetCommit::offset).containsExactly(10L, 10L, 10L, 10L, 10L);
            assertThat(group.statusAtLastCommit()).isEqualTo(LagStatus.STALL);
            assertThat(LagStatus.ofGroup(List.of(group.statusAtLastCommit()))).isEqualTo(LagStatus.ERR);
        }
    }

    @Test
    void aConsumerThatStoppedCommittingBehindTheEndIsStop(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "gone")) {
            group.produce(30).consume(5).consume(5).consume(5).consume(5).consume(5).stop();

            assertThat(group.statusAtLastCommit()).isNotEqualTo(LagStatus.STOP);
            assertThat(group.statusAfterSilence()).isEqualTo(LagStatus.STOP);
        }
    }

    @Test
    void aStoppedConsumerWithNothingLeftToReadIsOk(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "done")) {
            group.produce(30).consume(10).consume(10).consume(10).stop();

            assertThat(group.endOffset()).isEqualTo(30L);
            assertThat(group.statusAfterSilence()).isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void aConsumerWhoseCommittedOffsetWentBackIsRewind(KafkaFixture kafka) {
        try (ScriptedGroup group = new ScriptedGroup(kafka, "rewound")) {
            group.produce(50).consume(10).consume(10).consume(10).rewindTo(5).consume(10);

            assertThat(group.window()).extracting(OffsetCommit::offset).containsExactly(10L, 20L, 30L, 5L, 15L);
            assertThat(group.statusAtLastCommit()).isEqualTo(LagStatus.REWIND);
        }
    }

    @Test
    void anEmptyWindowIsOk() {
        assertThat(BurrowEvaluator.evaluate(List.of(), 100, System.currentTimeMillis())).isEqualTo(LagStatus.OK);
    }

    private static List<Long> lags(ScriptedGroup group) {
        return group.window().stream().map(OffsetCommit::lag).toList();
    }
}
