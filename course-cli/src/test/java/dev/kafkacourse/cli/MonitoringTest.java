package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./course monitoring: what it says without a running Prometheus, and that it stops only what it started. */
class MonitoringTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void statusAndDownWithoutARunningPrometheusSayHowToStartIt(@TempDir Path root) {
        Monitoring monitoring = new Monitoring(root, out);

        assertThat(monitoring.run(List.of("status"))).isZero();
        assertThat(monitoring.run(List.of("down"))).isZero();

        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Prometheus is not running. Start it: ./course monitoring up")
                .contains("Prometheus is not running.");
    }

    @Test
    void aStalePidFileOfAnotherProgramIsNotStopped(@TempDir Path root) throws Exception {
        // The pid of this test JVM (a java, not a prometheus): down must leave it alone.
        Path home = Files.createDirectories(root.resolve(".course/monitoring"));
        Files.writeString(home.resolve("prometheus.pid"), String.valueOf(ProcessHandle.current().pid()));

        assertThat(new Monitoring(root, out).run(List.of("down"))).isZero();

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Prometheus is not running.");
        assertThat(home.resolve("prometheus.pid")).doesNotExist();
    }

    @Test
    void anUnknownActionNamesTheValidOnes(@TempDir Path root) {
        assertThatThrownBy(() -> new Monitoring(root, out).run(List.of("start")))
                .isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("./course monitoring up | status | down");
    }
}
