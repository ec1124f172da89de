package dev.kafkacourse.session05;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kraft-quorum lab on a 3-broker cluster with a separate controller, as the lab runs it. */
@KafkaTest(brokers = KraftQuorumLab.BROKERS)
class KraftQuorumLabTest {

    @Test
    void brokersAreObserversOfTheControllersQuorum(KafkaFixture kafka) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        KraftQuorumLab.Result result = KraftQuorumLab.run(kafka, new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(result.brokerIds()).hasSize(KraftQuorumLab.BROKERS);
        assertThat(result.voterIds()).isNotEmpty().doesNotContainAnyElementsOf(result.brokerIds())
                .contains(result.leaderId());
        assertThat(result.observerIds()).containsAll(result.brokerIds());
        assertThat(result.brokerIds()).contains(result.reportedController());
        assertThat(result.metadataVersion()).startsWith(dev.kafkacourse.support.kafka.KafkaVersion.VERSION
                .substring(0, 3));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("<- leader", "metadata.version");
    }
}
