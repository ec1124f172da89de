package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {

    @TempDir
    Path module;

    @Test
    void readsOutcomesAndTheFirstProblemInOneLine() throws IOException {
        Path reports = Files.createDirectories(module.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("TEST-x.GroupLagTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="x.GroupLagTest" tests="3">
                  <testcase name="passes(KafkaFixture)" classname="x.GroupLagTest" time="0.1"/>
                  <testcase name="fails(KafkaFixture)" classname="x.GroupLagTest" time="0.1">
                    <failure message="&#10;expected: 6L&#10; but was: 10L" type="org.opentest4j.AssertionFailedError">stack</failure>
                  </testcase>
                  <testcase name="errors" classname="x.GroupLagTest" time="0.1">
                    <error message="TODO session02 exercise 4" type="java.lang.UnsupportedOperationException">stack</error>
                  </testcase>
                  <testcase name="skips" classname="x.GroupLagTest" time="0"><skipped message="no docker"/></testcase>
                  <testcase name="wrongException" classname="x.GroupLagTest" time="0.1">
                    <failure message="Expecting actual throwable to be an instance of: x.EventNotSentException but was: java.lang.UnsupportedOperationException: TODO&#10;&#9;at x.SyncSender.send(SyncSender.java:12)&#10;&#9;at x.Test.run(Test.java:3)" type="java.lang.AssertionError">stack</failure>
                  </testcase>
                </testsuite>
                """);

        TestReports.ClassReport report = TestReports.read(module, "x.GroupLagTest").orElseThrow();

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
        assertThat(TestReports.read(module, "x.Missing")).isEmpty();
    }
}
