package dev.kafkacourse.session14;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Grafana dashboard against Grafana's own dashboard types (@grafana/schema → JSON Schema → ajv, in
 * tools/grafana-schema), offline. Skips, naming the installer, where node or the npm packages are missing.
 */
class DashboardSchemaTest {

    @Test
    void theDashboardMatchesGrafanasSchemaWhichCatchesAMissingPanelHeightAndAWrongType(@TempDir Path dir)
            throws Exception {
        // One run of the validator (it builds the schema from Grafana's types first, which takes a while): the
        // real dashboard, and a copy with two mistakes that proves the schema is not vacuous.
        ObjectMapper json = new ObjectMapper();
        ObjectNode dashboard = (ObjectNode) json.readTree(Files.readString(RepoFiles.dashboard()));
        ((ObjectNode) dashboard.get("panels").get(0).get("gridPos")).remove("h");
        dashboard.put("refresh", 5);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, json.writeValueAsString(dashboard));

        Result result = validate(RepoFiles.dashboard(), broken);

        assertThat(result.output()).contains("OK " + RepoFiles.dashboard())
                .doesNotContain("INVALID " + RepoFiles.dashboard())
                .contains("INVALID " + broken + ": /panels/0/gridPos must have required property 'h'")
                .contains("INVALID " + broken + ": /refresh must be string");
        assertThat(result.exit()).as("exit code with one invalid file").isEqualTo(1);
    }

    record Result(int exit, String output) {
    }

    private static Result validate(Path... dashboards) throws Exception {
        Path tool = RepoFiles.root().resolve("tools/grafana-schema");
        assumeTrue(Files.isDirectory(tool.resolve("node_modules/@grafana/schema")),
                "the dashboard schema packages are not installed: run tools/install-grafana-schema.sh");
        Process process;
        try {
            List<String> command = new java.util.ArrayList<>(List.of("node", "validate-dashboards.mjs"));
            for (Path dashboard : dashboards) {
                command.add(dashboard.toString());
            }
            process = new ProcessBuilder(command)
                    .directory(tool.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException noNode) {
            assumeTrue(false, "node is not installed (Debian: apt-get install nodejs npm), then run "
                    + "tools/install-grafana-schema.sh");
            throw noNode;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the validator finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
