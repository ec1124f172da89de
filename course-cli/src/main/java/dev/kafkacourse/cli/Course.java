package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The course as found on disk: every {@code sessionNN-*}/course.yml below the repository root. */
public final class Course {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path root;
    private final List<SessionManifest> sessions;
    private final List<String> problems;

    private Course(Path root, List<SessionManifest> sessions, List<String> problems) {
        this.root = root;
        this.sessions = sessions;
        this.problems = problems;
    }

    public static Course load(Path root) {
        List<SessionManifest> sessions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().matches("session\\d\\d-.+"))
                    .sorted().toList()) {
                Path manifest = module.resolve("course.yml");
                if (Files.exists(manifest)) {
                    // One broken manifest must not take the other sessions' commands down with it.
                    try {
                        sessions.add(read(manifest));
                    } catch (IllegalStateException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the session modules in " + root, e);
        }
        sessions.sort(Comparator.comparingInt(SessionManifest::session));
        return new Course(root, List.copyOf(sessions), List.copyOf(problems));
    }

    static SessionManifest read(Path manifest) {
        try {
            return YAML.readValue(manifest.toFile(), SessionManifest.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read " + manifest + ": " + e.getMessage(), e);
        }
    }

    /** Manifests that could not be read, each with its file and the parser's message. */
    public List<String> problems() {
        return problems;
    }

    public Path root() {
        return root;
    }

    public List<SessionManifest> sessions() {
        return sessions;
    }

    /** Finds a session by number as typed: "2", "02" or the module name. */
    public Optional<SessionManifest> session(String typed) {
        return sessions.stream().filter(s -> s.module().equals(typed) || matchesNumber(s, typed)).findFirst();
    }

    private static boolean matchesNumber(SessionManifest session, String typed) {
        try {
            return Integer.parseInt(typed) == session.session();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public Path module(SessionManifest session) {
        return root.resolve(session.module());
    }
}
