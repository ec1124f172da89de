package dev.kafkacourse.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One session's {@code course.yml}: the single list of its labs and exercises that {@code ./course}, the docs
 * check and the stub check all read.
 */
public record SessionManifest(
        int session,
        String module,
        String title,
        String guide,
        List<Lab> labs,
        List<Exercise> exercises) {

    public SessionManifest {
        labs = labs == null ? List.of() : List.copyOf(labs);
        exercises = exercises == null ? List.of() : List.copyOf(exercises);
    }

    /** A runnable lab {@code main}. */
    public record Lab(String name, String main, String about) {
    }

    /** An exercise: the class the learner completes, the test that checks it, and hints. */
    public record Exercise(
            String id,
            String title,
            @JsonProperty("class") String className,
            String test,
            String section,
            List<String> hints) {

        public Exercise {
            hints = hints == null ? List.of() : List.copyOf(hints);
        }

        /** Source path of the class below a source root, e.g. {@code dev/kafkacourse/session02/GroupLag.java}. */
        public Path sourcePath() {
            return Path.of(className.replace('.', '/') + ".java");
        }

        public Path testSourcePath() {
            return Path.of(test.replace('.', '/') + ".java");
        }
    }

    /** Two-digit session number, as learners type it. */
    public String number() {
        return String.format("%02d", session);
    }

    public Optional<Lab> lab(String name) {
        return labs.stream().filter(lab -> lab.name().equals(name)).findFirst();
    }

    public Optional<Exercise> exercise(String id) {
        return exercises.stream().filter(exercise -> exercise.id().equals(id)).findFirst();
    }
}
