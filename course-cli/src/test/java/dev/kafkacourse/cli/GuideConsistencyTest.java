package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guides stay honest: every {@code ./course lab|check|hint|watch NN ...} they tell a learner to type names a
 * session, lab and exercise that exist, every repository path they name exists, and every session guide opens
 * with its 60-minute plan and ends with the answers to its review questions.
 */
class GuideConsistencyTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Course COURSE = Course.load(ROOT);
    private static final Pattern COMMAND =
            Pattern.compile("\\./course (lab|check|hint|watch) (\\d{1,2})(?: ([a-z][a-z0-9-]*))?");
    private static final Pattern PATH = Pattern.compile(
            "`((?:session\\d\\d-[a-z0-9-]+|course-support|course-cli|docker|docs|tools)/[^`\\s]*)`");

    static List<Path> guides() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void everyCourseCommandNamesWhatExists(Path guide) throws IOException {
        List<String> problems = new ArrayList<>();
        Matcher command = COMMAND.matcher(Files.readString(guide));
        while (command.find()) {
            String verb = command.group(1);
            String name = command.group(3);
            SessionManifest session = COURSE.session(command.group(2)).orElse(null);
            if (session == null) {
                problems.add(command.group() + ": no such session");
            } else if (name != null && verb.equals("lab") && session.lab(name).isEmpty()) {
                problems.add(command.group() + ": no lab '" + name + "' (labs: " + session.labs().stream()
                        .map(SessionManifest.Lab::name).toList() + ")");
            } else if (name != null && !verb.equals("lab") && !verb.equals("watch") && !name.equals("all")
                    && session.exercise(name).isEmpty()) {
                problems.add(command.group() + ": no exercise '" + name + "'");
            }
        }
        assertThat(problems).as("./course commands in %s", ROOT.relativize(guide)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void everyPathItNamesExists(Path guide) throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher path = PATH.matcher(Files.readString(guide));
        while (path.find()) {
            String named = path.group(1).replaceAll("[#:].*$", "").replaceAll("[.,)]+$", "");
            if (named.matches(".*[*<>{}].*|.*sessionNN.*")) {
                continue;   // a pattern for the reader, not a file
            }
            if (!Files.exists(ROOT.resolve(named))) {
                missing.add(named);
            }
        }
        assertThat(missing).as("paths named in %s", ROOT.relativize(guide)).isEmpty();
    }

    @Test
    void everySessionGuideFitsAnHourAndAnswersItsQuestions() throws IOException {
        for (SessionManifest session : COURSE.sessions()) {
            String guide = Files.readString(ROOT.resolve(session.guide()));
            List<String> headings = guide.lines().filter(l -> l.startsWith("#")).toList();
            assertThat(headings).as("a 60-minute plan near the top of %s", session.guide())
                    .anySatisfy(h -> assertThat(h).contains("60분"));
            assertThat(headings.indexOf(headings.stream().filter(h -> h.contains("60분")).findFirst().orElse("")))
                    .as("the 60-minute plan is among the first headings of %s", session.guide()).isLessThan(4);
            assertThat(guide).as("folded answers to the review questions in %s", session.guide())
                    .contains("<details>");
            assertThat(guide).as("a diagram in %s", session.guide()).contains("```mermaid");
        }
    }
}
