package dev.kafkacourse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads Maven Surefire's XML report of one test class. */
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

    public static Optional<ClassReport> read(Path module, String testClass) {
        Path xml = module.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        if (!Files.exists(xml)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
            List<TestCase> cases = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                cases.add(testCase((Element) nodes.item(i)));
            }
            return Optional.of(new ClassReport(testClass, cases));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read test report " + xml + ": " + e.getMessage(), e);
        }
    }

    private static TestCase testCase(Element element) {
        String name = element.getAttribute("name").replaceAll("\\(.*\\)$", "");
        for (String tag : List.of("failure", "error")) {
            NodeList problems = element.getElementsByTagName(tag);
            if (problems.getLength() > 0) {
                return new TestCase(name, Outcome.FAILED, oneLine((Element) problems.item(0)));
            }
        }
        if (element.getElementsByTagName("skipped").getLength() > 0) {
            Element skipped = (Element) element.getElementsByTagName("skipped").item(0);
            return new TestCase(name, Outcome.SKIPPED, skipped.getAttribute("message"));
        }
        return new TestCase(name, Outcome.PASSED, null);
    }

    /** The assertion's message on one line; the exception type where there is no message. */
    static String oneLine(Element problem) {
        String message = problem.getAttribute("message");
        return oneLine(problem.getAttribute("type"), message.isBlank() ? firstLine(problem.getTextContent()) : message);
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

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
