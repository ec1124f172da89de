package dev.kafkacourse.session10.registry;

import dev.kafkacourse.support.process.HttpReadiness;
import dev.kafkacourse.support.process.TiedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry as a child process: in-memory storage, free ports, compatibility BACKWARD (Confluent's default;
 * Apicurio's own is NONE), deletes allowed (as in {@code docker/schema-registry.yml}).
 *
 * <p>{@link #startTied} ties the server's life to this JVM: it runs under a small shell that waits on a pipe from
 * this JVM and kills the server when the pipe closes. The kernel closes the pipe when this JVM exits in any way,
 * SIGKILL included, so a killed test run leaves no registry behind. {@link #startDetached} is for
 * {@code ./course registry up}: the server outlives the command until {@code ./course registry down}.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Put on the server's command line so that {@code down} and the checks can tell it from any other JVM. */
    public static final String MARKER = "-Dcourse.registry=session10";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final TiedProcess tied;
    private final ProcessHandle server;

    private ApicurioRegistry(int port, TiedProcess tied, ProcessHandle server) {
        this.port = port;
        this.tied = tied;
        this.server = server;
    }

    /** Starts a registry that dies with this JVM (tests, labs). Blocks until it answers; about 5–15 s. */
    public static ApicurioRegistry startTied(Path log) {
        RegistryDistribution dist = RegistryDistribution.locate();
        int port = freePort();
        TiedProcess tied = TiedProcess.start(serverCommand(dist, port, freePort()), log);
        ApicurioRegistry registry = new ApicurioRegistry(port, tied, tied.child());
        registry.awaitReady(log);
        return registry;
    }

    /** Starts a registry that outlives this JVM ({@code ./course registry up}); stop it with {@link #stop}. */
    public static ApicurioRegistry startDetached(int port, Path log) {
        RegistryDistribution dist = RegistryDistribution.locate();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");   // Ctrl-C in the terminal must not stop it
        }
        command.addAll(serverCommand(dist, port, freePort()));
        Process process = start(command, log);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close
        }
        ApicurioRegistry registry = new ApicurioRegistry(port, null, process.toHandle());
        registry.awaitReady(log);
        return registry;
    }

    private static List<String> serverCommand(RegistryDistribution dist, int port, int managementPort) {
        return List.of(dist.java().toString(), MARKER, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dapicurio.rest.deletion.artifact.enabled=true",
                "-Dapicurio.rest.deletion.artifact-version.enabled=true",
                "-Dapicurio.rest.deletion.group.enabled=true",
                "-jar", dist.runJar().toString());
    }

    private static Process start(List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private void awaitReady(Path log) {
        switch (HttpReadiness.await(URI.create(ccompatUrl() + "/subjects"), server::isAlive, READY_TIMEOUT)) {
            // Confluent's default; Apicurio's is NONE. Every new subject inherits the global level.
            case READY -> new CcompatClient(ccompatUrl()).setGlobalCompatibility("BACKWARD");
            case EXITED -> throw new RegistryUnavailableException("The registry exited during start-up; see " + log);
            case TIMED_OUT -> {
                close();
                throw new RegistryUnavailableException("The registry did not answer within "
                        + READY_TIMEOUT.toSeconds() + " s; see " + log);
            }
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return server.pid();
    }

    public ProcessHandle server() {
        return server;
    }

    /** Base URL of Apicurio's own API, for Apicurio's serdes ({@code apicurio.registry.url}). */
    public String apicurioUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** Base URL of the Confluent-compatible API (what a Confluent client's {@code schema.registry.url} points at). */
    public String ccompatUrl() {
        return ccompatUrl(port);
    }

    public static String ccompatUrl(int port) {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** Stops the server and waits until it is gone. */
    @Override
    public void close() {
        if (tied != null) {
            tied.stop();
        } else {
            stop(server);
        }
    }

    /** Stops {@code server} (SIGTERM, then SIGKILL after 20 s) and waits for it to exit. */
    public static void stop(ProcessHandle server) {
        TiedProcess.stop(server);
    }

    /** Whether process {@code pid} is a course registry (its command line carries {@link #MARKER}). */
    public static boolean isRegistry(long pid) {
        Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
        try {
            if (Files.exists(cmdline)) {
                return new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(MARKER);
            }
        } catch (IOException e) {
            return false;
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(c -> c.contains(MARKER))
                .orElse(false);
    }

    /** Every course registry process running on this machine (checks that nothing was left behind). */
    public static List<ProcessHandle> running() {
        return ProcessHandle.allProcesses().filter(p -> isRegistry(p.pid()))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true)).toList();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
