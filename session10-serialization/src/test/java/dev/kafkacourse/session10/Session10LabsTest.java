package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.dlq.DeadLetter;
import dev.kafkacourse.support.dlq.FailureKind;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session's labs, run against the broker and the registry as a learner runs them. */
@ExtendWith(StartRegistryEarly.class)
@KafkaTest
class Session10LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void registry() {
        RegistryFixture.registry();
    }

    @Test
    void theRegistryRefusesIncompatibleChangesWith409PerLevelAndReadersCrossVersions(KafkaFixture kafka) {
        EvolutionLab.Result result = EvolutionLab.run(kafka, out);

        assertThat(result.verdicts().get("add browser with a default"))
                .isEqualTo(Map.of("BACKWARD", true, "FORWARD", true, "FULL", true, "NONE", true));
        assertThat(result.verdicts().get("add browser without default"))
                .isEqualTo(Map.of("BACKWARD", false, "FORWARD", true, "FULL", false, "NONE", true));
        assertThat(result.verdicts().get("remove impressionId (has default)"))
                .isEqualTo(Map.of("BACKWARD", true, "FORWARD", true, "FULL", true, "NONE", true));
        assertThat(result.verdicts().get("remove device (no default)"))
                .isEqualTo(Map.of("BACKWARD", true, "FORWARD", false, "FULL", false, "NONE", true));
        assertThat(result.verdicts().get("rename device -> deviceType"))
                .isEqualTo(Map.of("BACKWARD", false, "FORWARD", false, "FULL", false, "NONE", true));
        assertThat(result.verdicts().get("costMicros long -> string"))
                .isEqualTo(Map.of("BACKWARD", false, "FORWARD", false, "FULL", false, "NONE", true));
        assertThat(result.newReaderSawBrowser()).hasSize(result.recordsEachWay()).containsOnly("n/a");
        assertThat(result.oldReaderDevices()).hasSize(result.recordsEachWay()).doesNotContainNull();
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerKeepsGoing(KafkaFixture kafka) {
        DeadLetterLab.Result result = DeadLetterLab.run(kafka, out);

        assertThat(result.read()).containsExactlyElementsOf(result.sent());
        assertThat(result.deadLetters()).extracting(DeadLetter::key)
                .containsExactly("json-producer", "foreign-id", "truncated");
        assertThat(result.deadLetters()).extracting(DeadLetter::reason).containsOnly(FailureKind.SCHEMA_VIOLATION);
        assertThat(result.deadLetters().get(0).message()).contains("magic byte 0x7b");
        assertThat(result.deadLetters().get(1).message()).contains("Unknown schema id 987654");
        assertThat(result.deadLetters().get(2).message()).contains("does not match");
    }
}
