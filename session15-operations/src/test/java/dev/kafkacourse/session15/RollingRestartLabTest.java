package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Lab 1 as a learner runs it, on the run's 3-broker cluster: shared with the exercise test, never at the same time. */
@KafkaTest(brokers = 3, brokerProperties = RollingRestartLab.QUOTA_WINDOWS, needsBrokerControl = true,
        sharedAcrossClasses = true)
@ResourceLock(SafeRollingRestartTest.BROKER_RESTARTS)
@Order(2)   // the longest chain of the module's tests: started first when classes run side by side
class RollingRestartLabTest {

    @Test
    void safeRestartLosesAndDuplicatesNothingWhileTheUnsafeOneLeavesPartitionsBelowMinIsr(KafkaFixture kafka) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        RollingRestartLab.Result result = RollingRestartLab.run(kafka,
                new PrintStream(output, true, StandardCharsets.UTF_8));

        System.out.println(output.toString(StandardCharsets.UTF_8));   // the lab's report, kept in the test log
        RollingRestartLab.Run safe = result.safe();
        assertThat(safe.producer().sent()).isEqualTo(result.expected());
        assertThat(safe.producer().acknowledged()).isEqualTo(result.expected());
        assertThat(safe.producer().failed()).isZero();
        assertThat(safe.topicDistinct()).as("lost").isEqualTo(result.expected());
        assertThat(safe.topicRecords()).as("duplicated").isEqualTo(result.expected());
        assertThat(safe.consumedDistinct()).isEqualTo(result.expected());

        assertThat(result.unsafeStops()).hasSize(3);
        boolean sawUnavailability = result.unsafeStops().stream().anyMatch(s -> !s.underMinIsr().isEmpty())
                || result.unsafe().producer().failed() > 0;
        assertThat(sawUnavailability).as("unsafe restart: a partition below min.insync.replicas or a failed write")
                .isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("lost 0, duplicated 0");
    }
}
