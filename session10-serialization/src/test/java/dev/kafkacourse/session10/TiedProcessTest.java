package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkacourse.support.process.TiedProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's lifeline: a process started by a JVM that is then killed with SIGKILL (no shutdown hook runs)
 * still goes away. A {@code sleep} stands in for the registry so the check costs a second, not a registry start.
 */
class TiedProcessTest {

    @Test
    void aChildOfAJvmKilledWithSigkillIsGoneToo() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + classesDir(),
                TiedProcess.class.getName(), "sleep", "600").redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the JVM's first line").startsWith("child ");
            childPid = Long.parseLong(line.substring("child ".length()).strip());
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        jvm.destroyForcibly();   // SIGKILL
        jvm.waitFor();

        await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
    }

    @Test
    void stopEndsTheChild() {
        TiedProcess process = TiedProcess.start(List.of("sleep", "600"),
                Path.of(System.getProperty("java.io.tmpdir"), "tied-stop.log"));
        ProcessHandle child = process.child();
        process.stop();
        assertThat(child.isAlive()).isFalse();
    }

    private static String classesDir() throws Exception {
        return Path.of(TiedProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
