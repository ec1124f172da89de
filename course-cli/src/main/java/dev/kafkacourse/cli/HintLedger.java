package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many hints of each exercise the learner has opened, in {@code .course/hints.json} (not committed). Hints
 * climb from a concept to code, so {@code ./course hint NN exercise} opens one more each time instead of handing
 * out the code at once; {@code ./course check} only ever shows the first.
 */
final class HintLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, TreeMap<String, Integer>>> TYPE = new TypeReference<>() {
    };

    private final Path file;
    private final TreeMap<String, TreeMap<String, Integer>> opened;

    private HintLedger(Path file, TreeMap<String, TreeMap<String, Integer>> opened) {
        this.file = file;
        this.opened = opened;
    }

    static HintLedger load(Path root) {
        Path file = root.resolve(".course/hints.json");
        if (!Files.exists(file)) {
            return new HintLedger(file, new TreeMap<>());
        }
        try {
            return new HintLedger(file, JSON.readValue(file.toFile(), TYPE));
        } catch (RuntimeException e) {
            return new HintLedger(file, new TreeMap<>());   // a damaged file only hides hints already seen
        }
    }

    /** Hints opened so far: at least the first, which every check shows anyway. */
    int opened(SessionManifest session, SessionManifest.Exercise exercise) {
        int count = opened.getOrDefault(session.number(), new TreeMap<>()).getOrDefault(exercise.id(), 1);
        return Math.max(1, Math.min(count, exercise.hints().size()));
    }

    /** Opens the next hint (if any is left) and returns how many are open now. */
    int openNext(SessionManifest session, SessionManifest.Exercise exercise) {
        TreeMap<String, Integer> bySession = opened.computeIfAbsent(session.number(), k -> new TreeMap<>());
        boolean first = !bySession.containsKey(exercise.id());
        int now = first ? 1 : Math.min(opened(session, exercise) + 1, exercise.hints().size());
        bySession.put(exercise.id(), now);
        return now;
    }

    void save() {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), opened);
        } catch (RuntimeException | IOException e) {
            throw new UncheckedIOException("Could not save " + file, e instanceof IOException io ? io
                    : new IOException(e));
        }
    }
}
