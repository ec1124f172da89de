package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lab 2 as a learner runs it: A is the shared cluster, B and MirrorMaker 2 are this JVM's shared mirror. */
@KafkaTest
@ExtendWith(SharedMirror.class)
class MirrorLabTest {

    @Test
    void theGroupFailsOverToTheMirrorLosingNothingAndRereadingLittle(KafkaFixture a) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (KafkaFixture b = KafkaFixture.on(SharedMirror.target(), "MirrorLab-b")) {
            MirrorLab.Result result;
            try {
                result = MirrorLab.run(a, b, SharedMirror.mirror(), new PrintStream(output, true,
                        StandardCharsets.UTF_8));
            } finally {
                System.out.println(output.toString(StandardCharsets.UTF_8));   // the lab's report, kept in the log
            }

            assertThat(result.remoteTopic()).startsWith("A.mirror-ad-events");
            assertThat(result.identityTopic()).startsWith("mirror-ad-events");
            assertThat(result.retentionOnB()).isEqualTo("259200000");
            assertThat(result.readOnA() + result.readOnB() - result.readTwice()).isEqualTo(result.expected());
            assertThat(result.lost()).isZero();
            assertThat(result.readTwice()).as("read twice").isLessThanOrEqualTo(result.readOnA() / 2);
            result.sourceCommitted().forEach((tp, offset) -> assertThat(result.translated()
                    .get(new TopicPartition("A." + tp.topic(), tp.partition())).offset())
                    .as("translated offset of %s (B has no transaction markers)", tp).isLessThanOrEqualTo(offset));
        }
    }
}
