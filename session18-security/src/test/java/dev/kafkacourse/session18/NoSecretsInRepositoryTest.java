package dev.kafkacourse.session18;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret is committed: no key or certificate files, no PEM blocks, no literal passwords in configuration
 * files. The course's certificates and passwords are made when a test or lab runs, in a temporary folder.
 */
class NoSecretsInRepositoryTest {

    private static final List<String> KEY_MATERIAL_EXTENSIONS = List.of(".p12", ".pfx", ".jks", ".keystore",
            ".truststore", ".pem", ".key", ".crt", ".cer", ".der", ".csr", ".bcfks");
    /** Split so this file does not match itself. */
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)"
            + "-----");
    /** A password, secret or JAAS password given a literal value in a configuration file. */
    private static final Pattern LITERAL_PASSWORD = Pattern.compile(
            "(?i)(password|secret)[\"']?\\s*[=:]\\s*[\"']?(?![\"']?\\s*$)(?![\"']?\\$\\{)(?![\"']?<)[^\\s\"']{3,}");
    private static final List<String> CONFIG_EXTENSIONS = List.of(".properties", ".conf", ".cfg", ".env", ".yml",
            ".yaml", ".json", ".tf", ".tfvars", ".ini", ".jaas");

    /**
     * Lines that look like a password and are allowed, each with its reason: throw-away defaults of containers
     * that only listen on the learner's own machine.
     */
    private static final List<String> ALLOWED_LINES = List.of(
            // Grafana's own default login for the local monitoring compose file (session 14).
            "docker/monitoring.yml: GF_SECURITY_ADMIN_PASSWORD: \"admin\"");

    @Test
    void noKeyCertificateOrPasswordIsCommitted() throws Exception {
        Path root = repositoryRoot();
        List<String> tracked = trackedFiles(root);
        assertThat(tracked).as("git ls-files").isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (String file : tracked) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (KEY_MATERIAL_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                problems.add(file + ": key or certificate file");
                continue;
            }
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) > 2_000_000) {
                continue;
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
            if (PEM_BLOCK.matcher(text).find()) {
                problems.add(file + ": PEM key or certificate block");
            }
            if (CONFIG_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                text.lines().filter(line -> !line.stripLeading().startsWith("#"))
                        .filter(line -> LITERAL_PASSWORD.matcher(line).find())
                        .filter(line -> !ALLOWED_LINES.contains(file + ": " + line.strip()))
                        .forEach(line -> problems.add(file + ": literal password: " + line.strip()));
            }
        }
        assertThat(problems).as("secrets committed to the repository (make them at run time, read them from the "
                + "environment or a file outside the repository)").isEmpty();
    }

    @Test
    void theCheckRecognisesWhatItLooksFor() {
        assertThat(PEM_BLOCK.matcher("-----BEGIN " + "PRIVATE KEY-----").find()).isTrue();
        assertThat(PEM_BLOCK.matcher("-----BEGIN " + "CERTIFICATE-----").find()).isTrue();
        assertThat(LITERAL_PASSWORD.matcher("ssl.keystore.password=changeit").find()).isTrue();
        assertThat(LITERAL_PASSWORD.matcher("  password: hunter22").find()).isTrue();
        assertThat(LITERAL_PASSWORD.matcher("ssl.truststore.password=${TRUSTSTORE_PASSWORD}").find()).isFalse();
        assertThat(LITERAL_PASSWORD.matcher("sasl.password=<from your secret store>").find()).isFalse();
        assertThat(LITERAL_PASSWORD.matcher("ssl.key.password=").find()).isFalse();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(dir != null, "not a git checkout (no .git above " + Path.of("").toAbsolutePath()
                + "): nothing committed to check");
        return dir;
    }

    private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("git is not installed: " + e.getMessage());
            throw e;
        }
        byte[] listing = git.getInputStream().readAllBytes();
        Assumptions.assumeTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0,
                "git ls-files failed in " + root);
        return List.of(new String(listing, StandardCharsets.UTF_8).split("\0")).stream()
                .filter(name -> !name.isEmpty()).toList();
    }
}
