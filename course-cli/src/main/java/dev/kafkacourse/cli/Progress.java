package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learner's results of their latest {@code ./course check} per exercise, in {@code .course/progress.json}
 * (not committed). {@code ./course list} shows these, so listing progress needs no build.
 */
public final class Progress {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, TreeMap<String, Boolean>>> TYPE = new TypeReference<>() {
    };

    private final Path file;
    private final TreeMap<String, TreeMap<String, Boolean>> solved;

    private Progress(Path file, TreeMap<String, TreeMap<String, Boolean>> solved) {
        this.file = file;
        this.solved = solved;
    }

    public static Progress load(Path root) {
        Path file = root.resolve(".course/progress.json");
        if (!Files.exists(file)) {
            return new Progress(file, new TreeMap<>());
        }
        try {
            return new Progress(file, JSON.readValue(file.toFile(), TYPE));
        } catch (RuntimeException e) {
            // A damaged progress file only costs the learner a re-check; it must not stop the command.
            return new Progress(file, new TreeMap<>());
        }
    }

    /** Null when the exercise has not been checked yet. */
    public Boolean solved(SessionManifest session, String exerciseId) {
        Map<String, Boolean> results = solved.get(session.number());
        return results == null ? null : results.get(exerciseId);
    }

    public void record(SessionManifest session, String exerciseId, boolean passed) {
        solved.computeIfAbsent(session.number(), key -> new TreeMap<>()).put(exerciseId, passed);
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), solved);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("Could not save progress to " + file,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
