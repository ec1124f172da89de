package dev.kafkacourse.session04;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs tools/provisioning-check/check.mjs: the templates parsed by real parsers (a YAML parser with CloudFormation's
 * tags; HashiCorp's HCL parser) and checked against the providers' schemas (the AWS resource specification; the
 * hashicorp/aws provider schema). The security rules on top are {@link MskTemplateRules}.
 */
public final class ProvisioningCheck {

    public static final String INSTALLER = "tools/provisioning-check.sh";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One checked file or module: the document as the parser read it (null if it did not parse) and the errors. */
    public record Report(JsonNode parsed, List<String> schemaErrors) {
    }

    private final Path toolDir;

    private ProvisioningCheck(Path toolDir) {
        this.toolDir = toolDir;
    }

    /** The tool of this repository, or why it cannot run (the reason names the installer). */
    public static Availability locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tools/provisioning-check/check.mjs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return new Availability(null, "tools/provisioning-check/check.mjs not found above " + Path.of("").toAbsolutePath());
        }
        Path tool = dir.resolve("tools/provisioning-check");
        if (!Files.exists(tool.resolve("node_modules/.package-lock.json"))) {
            return new Availability(null, "the npm packages of the provisioning check are not installed: run " + INSTALLER);
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return new Availability(null, "node does not run: run " + INSTALLER);
            }
        } catch (IOException e) {
            return new Availability(null, "node is not installed: run " + INSTALLER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(null, "interrupted");
        }
        return new Availability(new ProvisioningCheck(tool), null);
    }

    /** The check, when it can run; otherwise {@code reason} says why and what to install. */
    public record Availability(ProvisioningCheck check, String reason) {
        public Optional<ProvisioningCheck> get() {
            return Optional.ofNullable(check);
        }
    }

    /** The repository's root (the folder holding tools/): the templates are found from there. */
    public Path repositoryRoot() {
        return toolDir.getParent().getParent();
    }

    public Map<Path, Report> cloudFormation(List<Path> templates) {
        return run("cloudformation", templates);
    }

    public Map<Path, Report> terraform(List<Path> moduleDirs) {
        return run("terraform", moduleDirs);
    }

    private Map<Path, Report> run(String kind, List<Path> targets) {
        List<String> command = new ArrayList<>(List.of("node", toolDir.resolve("check.mjs").toString(), kind));
        targets.forEach(t -> command.add(t.toAbsolutePath().toString()));
        try {
            Path stderr = Files.createTempFile("provisioning-check", ".err");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("check.mjs failed: " + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Files.deleteIfExists(stderr);
            JsonNode results = JSON.readTree(out);
            Map<Path, Report> reports = new LinkedHashMap<>();
            for (Path target : targets) {
                JsonNode result = results.get(target.toAbsolutePath().toString());
                List<String> errors = new ArrayList<>();
                result.get("errors").forEach(e -> errors.add(e.asString()));
                JsonNode parsed = result.get("parsed");
                reports.put(target, new Report(parsed == null || parsed.isNull() ? null : parsed, List.copyOf(errors)));
            }
            return reports;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run node: " + e.getMessage() + " (run " + INSTALLER + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
