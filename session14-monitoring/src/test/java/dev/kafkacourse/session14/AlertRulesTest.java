package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kafkacourse.support.metrics.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert rules of docker/prometheus/alerts.yml, checked and unit-tested by Prometheus' own promtool. */
class AlertRulesTest {

    @Test
    void theAlertRulesPassTheirPromtoolUnitTests() throws Exception {
        Result result = promtool("test", "rules", RepoFiles.root().resolve("docker/prometheus/alerts.test.yml").toString());

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolCatchesAnAlertThatNeverFiresAsExpected(@TempDir Path dir) throws Exception {
        // The unit tests are not vacuous: the same tests fail on rules whose threshold is wrong.
        Files.writeString(dir.resolve("alerts.yml"), Files.readString(RepoFiles.alertRules())
                .replace("sum(kafka_controller_kafkacontroller_offlinepartitionscount) > 0",
                        "sum(kafka_controller_kafkacontroller_offlinepartitionscount) > 1"));
        Files.copy(RepoFiles.root().resolve("docker/prometheus/alerts.test.yml"), dir.resolve("alerts.test.yml"));

        Result result = promtool("test", "rules", dir.resolve("alerts.test.yml").toString());

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("KafkaOfflinePartitions");
    }

    @Test
    void theComposeConfigAndItsRulesAreValid() throws Exception {
        Result rules = promtool("check", "rules", RepoFiles.alertRules().toString());
        assertThat(rules.exit()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("3 rules found");
        // --syntax-only: the compose config names hosts (host.docker.internal) that exist only inside Compose.
        Result config = promtool("check", "config", "--syntax-only",
                RepoFiles.root().resolve("docker/prometheus/prometheus.yml").toString());
        assertThat(config.exit()).as(config.output()).isZero();
    }

    record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws Exception {
        Path promtool = PrometheusServer.promtool().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed: run " + PrometheusServer.INSTALLER);
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
