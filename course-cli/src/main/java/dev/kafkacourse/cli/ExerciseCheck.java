package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code ./course check NN}: the session's exercise tests on the learner's code, as a short report. */
final class ExerciseCheck {

    private final Course course;
    private final PrintStream out;

    ExerciseCheck(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
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
        long started = System.nanoTime();
        SessionJvm jvm = new SessionJvm(course);
        if (!jvm.buildOrExplain(List.of(session), "check-" + session.number(),
                "The session's module does not build (its labs, tests or solutions, not only your exercises):", out)) {
            return CourseCli.FAILED;
        }
        SessionJvm.Outcome outcome;
        try {
            String variant = solutionTrack ? "solution" : "learner";
            outcome = jvm.runBatch(session, List.of(VariantRunner.planLine(variant,
                    solutionTrack ? null : module.resolve("src/exercise/java"),
                    exercises.stream().map(SessionManifest.Exercise::test).toList())), 30).get(variant);
        } catch (IOException | SessionJvm.TimeoutException e) {
            out.println("✗ " + e.getMessage());
            return CourseCli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CourseCli.FAILED;
        }
        return report(session, exercises, outcome, solutionTrack, started);
    }

    /** The ✓/✗ lines, the first failed assertion and the first hint; saves the learner's progress. */
    int report(SessionManifest session, List<SessionManifest.Exercise> exercises, SessionJvm.Outcome outcome,
            boolean solutionTrack, long started) {
        if (outcome == null) {
            out.println("✗ The tests did not run; see " + course.root().relativize(course.module(session)
                    .resolve("target/course-verify/tests.log")));
            return CourseCli.FAILED;
        }
        if (printCompileError(outcome)) {
            return CourseCli.FAILED;
        }
        Progress progress = Progress.load(course.root());
        int solved = 0;
        out.println();
        for (SessionManifest.Exercise exercise : exercises) {
            boolean passed = printExercise(session, exercise, outcome.report(exercise.test()));
            progress.record(session, exercise.id(), passed);
            solved += passed ? 1 : 0;
        }
        if (!solutionTrack) {
            progress.save();   // checking the reference solutions says nothing about the learner's progress
        }
        out.println();
        out.printf(Locale.ROOT, "%d/%d solved (%.1f s).", solved, exercises.size(), (System.nanoTime() - started) / 1e9);
        if (solved < exercises.size()) {
            out.printf(" The next hint: ./course hint %s <exercise>. Guide: %s (%s).", session.number(),
                    session.guide(), "연습 문제");
        }
        out.println();
        return solved == exercises.size() ? CourseCli.OK : CourseCli.FAILED;
    }

    /** Prints the compiler's errors if the learner's code did not compile; returns whether it did not. */
    boolean printCompileError(SessionJvm.Outcome outcome) {
        if (outcome.compileError() == null) {
            return false;
        }
        out.println();
        out.println("✗ Your code does not compile:");
        for (String error : outcome.compileError().split(" \\| ")) {
            out.println("    " + error);
        }
        return true;
    }

    /** One exercise's ✓ line, or its ✗ line with the first failed assertion and the first hint. */
    boolean printExercise(SessionManifest session, SessionManifest.Exercise exercise,
            Optional<TestReports.ClassReport> report) {
        boolean passed = report.map(TestReports.ClassReport::allPassed).orElse(false);
        String label = exercise.title() + (exercise.core() ? " (core)" : "");
        out.printf("  %s %-24s %s%n", passed ? "✓" : "✗", exercise.id(), label);
        if (!passed) {
            out.printf("      %s%n", report.flatMap(TestReports.ClassReport::firstProblem)
                    .map(c -> c.name() + ": " + c.problem())
                    .orElse("the test did not run; see " + course.root().relativize(course.module(session)
                            .resolve("target/course-verify/tests.log"))));
            if (!exercise.hints().isEmpty()) {
                out.printf("      hint: %s%n", exercise.hints().get(0));
            }
        }
        return passed;
    }
}
