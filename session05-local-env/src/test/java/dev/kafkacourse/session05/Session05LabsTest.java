package dev.kafkacourse.session05;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labs that run without the course's fixture: they read files, or start nodes they misconfigure on purpose. */
class Session05LabsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void composeFilesListsEveryFileAndFindsNoProblem() {
        Path docker = ComposeChecker.locateDockerDir();

        ComposeFilesLab.Result result = ComposeFilesLab.run(ComposeChecker.readComposeFiles(docker), docker, out);

        assertThat(result.problems()).isEmpty();
        assertThat(result.servicesByFile()).containsOnlyKeys("kafka-single.yml", "kafka-cluster.yml",
                "schema-registry.yml", "monitoring.yml");
        assertThat(result.bootstrapByFile()).containsEntry("kafka-single.yml", "localhost:29092")
                .containsEntry("kafka-cluster.yml", "localhost:39092,localhost:39093,localhost:39094");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("controller.quorum.voters=3000@controller-0:9093",
                "no problems");
    }

    @Test
    void brokenListenerShowsStartupErrorsAndClientsThatCannotReachTheAdvertisedAddress(@TempDir Path workDir)
            throws Exception {
        BrokenListenerLab.Result result = BrokenListenerLab.run(out, workDir);

        assertThat(result.startupErrors()).hasSize(4).doesNotContainValue(null);
        assertThat(result.startupErrors().values()).anySatisfy(error ->
                assertThat(error).contains("No security protocol defined for listener EXTRENAL"));
        assertThat(result.clientFailures()).hasSize(2);

        BrokenListenerLab.ClientFailure containerName = result.clientFailures().get(0);
        assertThat(containerName.advertised()).startsWith("broker-0:");
        assertThat(containerName.error()).contains("TimeoutException");
        assertThat(containerName.clientLog()).anySatisfy(line -> assertThat(line).contains("broker-0"));

        BrokenListenerLab.ClientFailure wrongPort = result.clientFailures().get(1);
        assertThat(wrongPort.advertised()).startsWith("localhost:").isNotEqualTo(wrongPort.bootstrap());
        assertThat(wrongPort.error()).contains("TimeoutException");
        assertThat(wrongPort.clientLog()).anySatisfy(line -> assertThat(line)
                .contains(wrongPort.advertised().substring("localhost:".length())));
    }
}
