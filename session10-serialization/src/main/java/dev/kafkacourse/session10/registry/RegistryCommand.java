package dev.kafkacourse.session10.registry;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./course registry up|status|down}: Apicurio Registry on localhost:8081 (as in
 * {@code docker/schema-registry.yml}, without Docker) for a learner's own experiments. It outlives the command;
 * {@code down} stops it. State (pid, log) lives in {@code .course/registry/}.
 */
public final class RegistryCommand {

    static final int PORT = 8081;

    private final Path home;
    private final PrintStream out;

    RegistryCommand(Path home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    public static void main(String[] args) {
        String action = args.length == 0 ? "status" : args[0];
        RegistryCommand command = new RegistryCommand(Path.of(".course/registry").toAbsolutePath(), System.out);
        int status;
        try {
            status = switch (action) {
                case "up" -> command.up();
                case "down" -> command.down();
                case "status" -> command.status();
                default -> {
                    System.out.println("Unknown registry action '" + action + "'. Use: ./course registry up | status | down");
                    yield 2;
                }
            };
        } catch (RegistryUnavailableException e) {
            System.out.println("✗ " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    int up() {
        if (running().isPresent()) {
            out.println("A registry is already running:");
            return status();
        }
        long start = System.nanoTime();
        out.printf("Starting Apicurio Registry %s (in-memory storage) on port %d ...%n", RegistryDistribution.VERSION,
                PORT);
        ApicurioRegistry registry = ApicurioRegistry.startDetached(PORT, home.resolve("registry.log"));
        write(home.resolve("pid"), String.valueOf(registry.pid()));
        out.printf("✓ Ready in %.1f s, compatibility BACKWARD (pid %d)%n%n", (System.nanoTime() - start) / 1e9,
                registry.pid());
        printUsage();
        return 0;
    }

    int status() {
        Optional<ProcessHandle> server = running();
        if (server.isEmpty()) {
            out.println("No registry is running. Start one: ./course registry up");
            return 1;
        }
        out.printf("Apicurio Registry %s: pid %d, log %s%n", RegistryDistribution.VERSION, server.get().pid(),
                home.resolve("registry.log"));
        try {
            List<String> subjects = subjects();
            out.println("  subjects: " + (subjects.isEmpty() ? "(none yet)" : String.join(", ", subjects)));
        } catch (CcompatClient.RegistryCallException e) {
            out.println("  not answering: " + e.getMessage());
            return 1;
        }
        printUsage();
        return 0;
    }

    int down() {
        Optional<ProcessHandle> server = running();
        server.ifPresent(ApicurioRegistry::stop);
        try {
            Files.deleteIfExists(home.resolve("pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ProcessHandle> left = ApicurioRegistry.running().stream()
                .filter(p -> server.map(s -> s.pid() == p.pid()).orElse(false)).toList();
        out.println(server.isEmpty() ? "No registry was running." : left.isEmpty()
                ? "Stopped the registry (pid " + server.get().pid() + "); its schemas are gone (in-memory storage)."
                : "✗ The registry (pid " + server.get().pid() + ") is still running.");
        return left.isEmpty() ? 0 : 1;
    }

    private List<String> subjects() {
        CcompatClient client = new CcompatClient(ApicurioRegistry.ccompatUrl(PORT));
        return client.subjects();
    }

    private void printUsage() {
        out.println("  Confluent-compatible API: " + ApicurioRegistry.ccompatUrl(PORT)
                + "   (schema.registry.url for Confluent clients)");
        out.println("  Apicurio API:             http://127.0.0.1:" + PORT + "/apis/registry/v3");
        out.println("  try: curl " + ApicurioRegistry.ccompatUrl(PORT) + "/subjects");
        out.println("Stop it: ./course registry down");
    }

    private Optional<ProcessHandle> running() {
        Path pid = home.resolve("pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(Files.readString(pid).strip());
            return ProcessHandle.of(id).filter(ProcessHandle::isAlive).filter(p -> ApicurioRegistry.isRegistry(id));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
