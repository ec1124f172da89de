package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.env.EnvironmentCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnvironmentCheckLabTest {

    @Test
    void reportsAReadyMachineWithABrokerStartTime() {
        EnvironmentCheck.Report report = EnvironmentCheck.run(Path.of("..").toAbsolutePath().normalize());

        assertThat(report.items()).extracting(EnvironmentCheck.Item::name)
                .contains("JDK", "Maven wrapper", "Docker engine", "Kafka mode", "Broker start", "Round trip");
        assertThat(report.ok()).as(report.items().toString()).isTrue();
        assertThat(report.brokerReady()).isNotNull();
        assertThat(report.firstRoundTrip()).isNotNull();
    }
}
