package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the session JVM reports (its result lines) becomes the one-line problems {@code ./course check} prints. */
class TestReportsTest {

    @Test
    void readsOutcomesAndTheFirstProblemInOneLine() {
        List<String> lines = List.of(
                result("x.GroupLagTest#passes", "PASSED", ""),
                result("x.GroupLagTest#fails", "FAILED", TestReports.oneLine("org.opentest4j.AssertionFailedError",
                        "\nexpected: 6L\n but was: 10L")),
                result("x.GroupLagTest#errors", "FAILED", TestReports.oneLine(
                        "java.lang.UnsupportedOperationException", "TODO session02 exercise 4")),
                result("x.GroupLagTest#skips", "SKIPPED", "no docker"),
                result("x.GroupLagTest$Nested#wrongException", "FAILED", TestReports.oneLine("java.lang.AssertionError",
                        "Expecting actual throwable to be an instance of: x.EventNotSentException but was: "
                                + "java.lang.UnsupportedOperationException: TODO\n\tat x.SyncSender.send(SyncSender.java:12)"
                                + "\n\tat x.Test.run(Test.java:3)")),
                "done\tlearner\t1234");

        Map<String, SessionJvm.Outcome> outcomes = SessionJvm.parse(lines);
        TestReports.ClassReport report = outcomes.get("learner").report("x.GroupLagTest").orElseThrow();

        assertThat(report.cases()).extracting(TestReports.TestCase::outcome).containsExactly(
                TestReports.Outcome.PASSED, TestReports.Outcome.FAILED, TestReports.Outcome.FAILED,
                TestReports.Outcome.SKIPPED, TestReports.Outcome.FAILED);
        assertThat(report.allPassed()).isFalse();
        assertThat(report.firstProblem()).get().satisfies(problem -> {
            assertThat(problem.name()).isEqualTo("fails");
            assertThat(problem.problem()).isEqualTo("expected: 6L but was: 10L");
        });
        assertThat(report.cases().get(2).problem()).isEqualTo("UnsupportedOperationException: TODO session02 exercise 4");
        assertThat(report.cases().get(4).problem()).isEqualTo("Expecting actual throwable to be an instance of: "
                + "x.EventNotSentException but was: java.lang.UnsupportedOperationException: TODO");
    }

    @Test
    void aTestThatDidNotRunHasNoReport() {
        assertThat(SessionJvm.parse(List.of("done\tlearner\t1")).get("learner").report("x.Missing")).isEmpty();
    }

    private static String result(String test, String outcome, String message) {
        return String.join("\t", "test", "learner", test, outcome, message);
    }
}
