package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lab 3 as a learner runs it, on a 4-broker cluster of its own. */
@KafkaTest(brokers = 4, needsBrokerControl = true, brokerProperties = "replication.quota.window.num=2")
class ScaleOutLabTest {

    @Test
    void replicasSpreadOntoTheNewBrokerAndLeaveTheDrainedOne(KafkaFixture kafka) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ScaleOutLab.Result result = ScaleOutLab.run(kafka, new PrintStream(output, true, StandardCharsets.UTF_8));
        System.out.println(output.toString(StandardCharsets.UTF_8));   // the lab's report, kept in the test log

        assertThat(Reassignments.replicasPerBroker(result.initial(), result.brokers()))
                .containsEntry(result.newBroker(), 0L);
        assertThat(result.afterScaleOut()).isEqualTo(ScaleOutLab.roundRobin(result.brokers()));
        assertThat(Reassignments.replicasPerBroker(result.afterScaleOut(), result.brokers()).values())
                .as("balanced: 8 partitions x 2 replicas over 4 brokers").containsOnly(4L);

        assertThat(Reassignments.replicasPerBroker(result.afterDrain(), result.brokers()))
                .containsEntry(result.drained(), 0L);
        assertThat(Reassignments.replicasPerBroker(result.afterDrain(), result.brokers()).values().stream()
                .mapToLong(Long::longValue).sum()).isEqualTo(16);
        for (Map.Entry<Integer, List<Integer>> partition : result.afterDrain().entrySet()) {
            assertThat(new HashSet<>(partition.getValue())).as("partition %d on distinct brokers", partition.getKey())
                    .hasSize(ScaleOutLab.REPLICATION_FACTOR);
        }
        assertThat(result.recordsAfterMoves()).isEqualTo(result.recordsWritten());
    }
}
