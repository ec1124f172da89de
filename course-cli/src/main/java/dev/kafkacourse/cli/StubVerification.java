package dev.kafkacourse.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./course verify-stubs}: every exercise test must fail against the untouched stubs, and the stubs must
 * compile. A test that passes on a stub cannot tell a wrong answer from a right one.
 */
final class StubVerification {

    private final Course course;
    private final PrintStream out;

    StubVerification(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    int verify() {
        List<SessionManifest> sessions = course.sessions().stream().filter(s -> !s.exercises().isEmpty()).toList();
        List<String> tests = sessions.stream().flatMap(s -> s.exercises().stream()).map(SessionManifest.Exercise::test)
                .distinct().toList();
        out.printf("Running %d exercise test classes of %d sessions against the stubs ...%n", tests.size(),
                sessions.size());
        Path log = course.root().resolve(".course/logs/verify-stubs.log");
        int exit = new Maven(course.root()).run(log, List.of("-pl",
                String.join(",", sessions.stream().map(SessionManifest::module).toList()), "-am", "test",
                "-Dcourse.track=exercise", "-Dtest=" + String.join(",", tests),
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true"));
        if (exit != 0) {
            out.println("✗ The stubs do not compile (or the build failed); see " + course.root().relativize(log));
            Maven.compileErrors(log).forEach(line -> out.println("    " + line));
            return CourseCli.FAILED;
        }
        List<String> defects = new ArrayList<>();
        int testCases = 0;
        for (SessionManifest session : sessions) {
            for (SessionManifest.Exercise exercise : session.exercises()) {
                Optional<TestReports.ClassReport> report = TestReports.read(course.module(session), exercise.test());
                if (report.isEmpty() || report.get().cases().isEmpty()) {
                    defects.add(session.number() + " " + exercise.id() + ": " + exercise.test() + " did not run");
                    continue;
                }
                for (TestReports.TestCase testCase : report.get().cases()) {
                    testCases++;
                    if (testCase.outcome() != TestReports.Outcome.FAILED) {
                        defects.add(session.number() + " " + exercise.id() + ": " + exercise.test() + "#"
                                + testCase.name() + " " + testCase.outcome().name().toLowerCase()
                                + " on the stub");
                    }
                }
            }
        }
        if (defects.isEmpty()) {
            out.printf("✓ All %d exercise test cases fail on the stubs, as they must.%n", testCases);
            return CourseCli.OK;
        }
        out.println("✗ Exercise tests that do not catch an untouched stub:");
        defects.forEach(defect -> out.println("    " + defect));
        return CourseCli.FAILED;
    }
}
