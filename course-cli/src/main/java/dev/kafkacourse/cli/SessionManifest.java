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

    /**
     * An exercise: the class the learner completes, the test that checks it, hints that climb from a concept to
     * code, whether it is the session's core exercise (the hour's work; the others are stretch), and its
     * known-wrong answers.
     */
    public record Exercise(
            String id,
            String title,
            @JsonProperty("class") String className,
            String test,
            String section,
            Boolean core,
            List<String> hints,
            List<WrongAnswer> wrong) {

        public Exercise {
            core = Boolean.TRUE.equals(core);
            hints = hints == null ? List.of() : List.copyOf(hints);
            wrong = wrong == null ? List.of() : List.copyOf(wrong);
        }

        /** Where a known-wrong answer's files live in the module: they replace the same files of the solution. */
        public Path wrongSources(WrongAnswer answer) {
            return Path.of("src/wrong", id, answer.id(), "java");
        }

        /** Source path of the class below a source root, e.g. {@code dev/kafkacourse/session02/GroupLag.java}. */
        public Path sourcePath() {
            return Path.of(className.replace('.', '/') + ".java");
        }

        public Path testSourcePath() {
            return Path.of(test.replace('.', '/') + ".java");
        }
    }

    /**
     * A realistic mistake, kept as code that compiles: the exercise's test must fail on it. {@code why} is the one
     * line a learner reads about it.
     */
    public record WrongAnswer(String id, String why) {
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
