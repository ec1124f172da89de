package dev.kafkacourse.session05;

import dev.kafkacourse.session05.ComposeChecker.Problem;
import dev.kafkacourse.session05.ComposeFile.KafkaNode;
import dev.kafkacourse.session05.ComposeFile.Listener;
import dev.kafkacourse.session05.ComposeFile.PublishedPort;
import dev.kafkacourse.session05.ComposeFile.Service;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lab 1: the Compose files in {@code docker/}, read without Docker. For each file: its services, each Kafka node's
 * role, node id, advertised listeners and published ports, the {@code server.properties} the {@code apache/kafka}
 * image writes for a broker from its {@code KAFKA_*} variables, and the {@code KAFKA_BOOTSTRAP_SERVERS} to use it
 * with; then the consistency check that also runs in the build. Give file paths as arguments to check your own
 * copies instead (e.g. a broken one: {@code ./course lab 05 compose-files my-cluster.yml}).
 */
public final class ComposeFilesLab {

    private static final List<String> SHOWN_PROPERTIES = List.of("node.id", "process.roles", "listeners",
            "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
            "inter.broker.listener.name", "controller.quorum.voters");

    /** The files read, their services, and what the check found. */
    public record Result(Map<String, List<String>> servicesByFile, Map<String, String> bootstrapByFile,
            List<Problem> problems) {
    }

    private ComposeFilesLab() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int status;
        try {
            out.println("== session05 compose-files == (reads the Compose files; no Docker needed)");
            out.println();
            Result result;
            if (args.length == 0) {
                Path docker = ComposeChecker.locateDockerDir();
                result = run(ComposeChecker.readComposeFiles(docker), docker, out);
            } else {
                Map<String, String> files = new LinkedHashMap<>();
                for (String arg : args) {
                    Path path = Path.of(arg).toAbsolutePath();
                    files.put(path.getFileName().toString(), Files.readString(path));
                }
                result = run(files, Path.of(args[0]).toAbsolutePath().getParent(), out);
            }
            status = result.problems().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            out.println("Could not read a file: " + e);
            status = 2;
        } catch (RuntimeException e) {
            out.println("Lab failed: " + e);
            e.printStackTrace(out);
            status = 1;
        }
        System.exit(status);
    }

    /** The file as the learner would type it: relative to the current folder when below it, absolute otherwise. */
    static String shownPath(Path baseDir, String name) {
        Path file = baseDir.resolve(name).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
    }

    static Result run(Map<String, String> files, Path baseDir, PrintStream out) {
        Map<String, List<String>> servicesByFile = new LinkedHashMap<>();
        Map<String, String> bootstrapByFile = new LinkedHashMap<>();
        files.forEach((name, yaml) -> ComposeChecker.load(name, yaml).ifPresent(file -> {
            servicesByFile.put(name, file.services().stream().map(Service::name).toList());
            out.printf("%s (%d service%s; image%s %s)%n", name, file.services().size(),
                    file.services().size() == 1 ? "" : "s",
                    file.services().stream().map(Service::image).distinct().count() == 1 ? "" : "s",
                    file.services().stream().map(Service::image).distinct().collect(Collectors.joining(", ")));
            out.printf("  %-19s %-24s %-54s %s%n", "service", "role", "advertised listeners", "published");
            List<String> bootstrap = new ArrayList<>();
            KafkaNode firstBroker = null;
            for (Service service : file.services()) {
                String role = "";
                String advertised = "";
                if (service.isKafkaNode()) {
                    KafkaNode node = KafkaNode.of(service);
                    role = node.describe();
                    advertised = safe(() -> node.advertisedListeners().stream().map(Listener::toString)
                            .collect(Collectors.joining(",")));
                    if (node.isBroker()) {
                        firstBroker = firstBroker == null ? node : firstBroker;
                        externalAddress(node).ifPresent(bootstrap::add);
                    }
                }
                String published = service.ports().stream().map(p -> p.hostPort() + "->" + p.containerPort())
                        .collect(Collectors.joining(","));
                out.printf("  %-19s %-24s %-54s %s%n", service.name(), role.isEmpty() ? "-" : role,
                        advertised.isEmpty() ? "-" : advertised, published.isEmpty() ? "-" : published);
            }
            if (firstBroker != null) {
                out.printf("  server.properties the image writes for %s (listener and quorum settings):%n",
                        firstBroker.service().name());
                for (String property : SHOWN_PROPERTIES) {
                    if (firstBroker.property(property) != null) {
                        out.printf("    %s=%s%n", property, firstBroker.property(property));
                    }
                }
            }
            if (!bootstrap.isEmpty()) {
                String servers = String.join(",", bootstrap);
                bootstrapByFile.put(name, servers);
                out.printf("  use it: docker compose -f %s up -d%n", shownPath(baseDir, name));
                out.printf("          KAFKA_MODE=external KAFKA_BOOTSTRAP_SERVERS=%s ./course lab 02 topic-admin%n",
                        servers);
            } else {
                String urls = file.services().stream().flatMap(s -> s.ports().stream())
                        .map(p -> "http://localhost:" + p.hostPort()).collect(Collectors.joining(", "));
                out.printf("  use it: docker compose -f %s up -d   (then %s)%n", shownPath(baseDir, name), urls);
            }
            out.println();
        }));
        List<Problem> problems = ComposeChecker.check(files, baseDir);
        int services = servicesByFile.values().stream().mapToInt(List::size).sum();
        if (problems.isEmpty()) {
            out.printf("Consistency check (the same as ComposeFilesTest): ✓ %d file(s), %d services, no problems%n",
                    files.size(), services);
        } else {
            out.printf("Consistency check (the same as ComposeFilesTest): ✗ %d problem(s)%n", problems.size());
            problems.forEach(p -> out.println("  " + p));
        }
        return new Result(servicesByFile, bootstrapByFile, problems);
    }

    /** {@code localhost:<port>} of the broker's EXTERNAL listener if it is advertised on a published port. */
    private static Optional<String> externalAddress(KafkaNode node) {
        try {
            return node.advertisedListeners().stream()
                    .filter(l -> l.name().equals(ComposeChecker.EXTERNAL))
                    .filter(l -> node.service().ports().stream().map(PublishedPort::hostPort).anyMatch(p -> p == l.port()))
                    .map(l -> l.host() + ":" + l.port()).findFirst();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A listener list that does not parse is shown as such here; the check explains it. */
    private static String safe(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
