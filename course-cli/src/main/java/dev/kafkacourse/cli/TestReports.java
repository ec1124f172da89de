package dev.kafkacourse.cli;

import java.util.List;
import java.util.Optional;

/** Test outcomes as {@code ./course} reports them: per test class, with the first problem on one line. */
public final class TestReports {

    /** One test method's outcome; {@code problem} is null when it passed. */
    public record TestCase(String name, Outcome outcome, String problem) {
    }

    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** All test cases of one test class, or empty when the class did not run. */
    public record ClassReport(String testClass, List<TestCase> cases) {
        public boolean allPassed() {
            return !cases.isEmpty() && cases.stream().allMatch(c -> c.outcome() == Outcome.PASSED);
        }

        public Optional<TestCase> firstProblem() {
            return cases.stream().filter(c -> c.outcome() != Outcome.PASSED).findFirst();
        }
    }

    private TestReports() {
    }

    /** A failure as a learner reads it: one line, the exception's simple name unless it is a plain assertion. */
    static String oneLine(String type, String message) {
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        // AssertJ puts the unexpected exception's stack into its message: the first frame adds nothing for a learner.
        String text = (message == null ? "" : message).replaceAll("\\s+", " ")
                .replaceAll(" at [a-z][\\w$]*\\.[\\w.$]+\\(.*$", "").trim();
        if (!simpleType.isBlank() && !simpleType.equals("AssertionFailedError") && !simpleType.equals("AssertionError")
                && !text.startsWith(simpleType)) {
            text = text.isEmpty() ? simpleType : simpleType + ": " + text;
        }
        return text.length() > 220 ? text.substring(0, 217) + "..." : text;
    }
}
