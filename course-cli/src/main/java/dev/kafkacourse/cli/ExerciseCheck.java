package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code ./course check NN}: the session's exercise tests on the learner's code, as a short report. */
final class ExerciseCheck {

    private final Course course;
    private final PrintStream out;
    private final Maven maven;

    ExerciseCheck(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
        this.maven = new Maven(course.root());
    }

    int check(SessionManifest session, String exerciseId, boolean solutionTrack) {
        List<SessionManifest.Exercise> exercises = exerciseId == null ? session.exercises()
                : List.of(session.exercise(exerciseId).orElseThrow(() -> new CourseCli.UsageException("No exercise '"
                        + exerciseId + "' in session " + session.number() + ". Exercises: "
                        + session.exercises().stream().map(SessionManifest.Exercise::id).toList())));
        if (exercises.isEmpty()) {
            out.println("Session " + session.number() + " has no exercises.");
            return CourseCli.OK;
        }
        String track = solutionTrack ? "solution" : "exercise";
        Path module = course.module(session);
        out.printf("Checking session %s (%d exercise%s) on %s/src/%s/java ...%n", session.number(), exercises.size(),
                exercises.size() == 1 ? "" : "s", session.module(), track);
        exercises.forEach(exercise -> deleteReport(module, exercise.test()));

        Path log = course.root().resolve(".course/logs/check-" + session.number() + ".log");
        int exit = maven.run(log, List.of("-pl", session.module(), "-am", "test", "-Dcourse.track=" + track,
                "-Dtest=" + String.join(",", exercises.stream().map(SessionManifest.Exercise::test).toList()),
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true"));
        if (exit != 0) {
            out.println();
            out.println("✗ The code does not compile (or the build failed):");
            Maven.compileErrors(log).forEach(line -> out.println("    " + line));
            out.println("  Full log: " + course.root().relativize(log));
            return CourseCli.FAILED;
        }

        Progress progress = Progress.load(course.root());
        int solved = 0;
        out.println();
        for (SessionManifest.Exercise exercise : exercises) {
            Optional<TestReports.ClassReport> report = TestReports.read(module, exercise.test());
            boolean passed = report.map(TestReports.ClassReport::allPassed).orElse(false);
            progress.record(session, exercise.id(), passed);
            if (passed) {
                solved++;
                out.printf("  ✓ %-24s %s%n", exercise.id(), exercise.title());
                continue;
            }
            out.printf("  ✗ %-24s %s%n", exercise.id(), exercise.title());
            String problem = report.flatMap(TestReports.ClassReport::firstProblem)
                    .map(c -> c.name() + ": " + c.problem())
                    .orElse("the test did not run; see the log");
            out.printf("      %s%n", problem);
            if (!exercise.hints().isEmpty()) {
                out.printf("      hint: %s%n", exercise.hints().get(0));
            }
        }
        if (!solutionTrack) {
            progress.save();   // checking the reference solutions says nothing about the learner's progress
        }
        out.println();
        out.printf("%d/%d solved.", solved, exercises.size());
        if (solved < exercises.size()) {
            out.printf(" More hints: ./course hint %s <exercise>. Guide: %s (%s). Log: %s", session.number(),
                    session.guide(), "연습 문제", course.root().relativize(log));
        }
        out.println();
        return solved == exercises.size() ? CourseCli.OK : CourseCli.FAILED;
    }

    private static void deleteReport(Path module, String testClass) {
        try {
            Files.deleteIfExists(module.resolve("target/surefire-reports/TEST-" + testClass + ".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
