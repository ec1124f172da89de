package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests are the one list of labs and exercises: everything they name must exist, and everything that
 * exists must be named, so the CLI, the guides and the code can never disagree.
 */
class CourseManifestTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Course COURSE = Course.load(ROOT);

    static List<SessionManifest> sessions() {
        return COURSE.sessions();
    }

    @Test
    void everyManifestReads() {
        assertThat(COURSE.problems()).isEmpty();
    }

    @Test
    void everySessionModuleHasAManifest() throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<String> moduleNames = modules.filter(p -> p.getFileName().toString().matches("session\\d\\d-.+"))
                    .filter(p -> Files.exists(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(COURSE.sessions()).extracting(SessionManifest::module).containsExactlyElementsOf(moduleNames);
        }
        assertThat(COURSE.sessions()).extracting(SessionManifest::session).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void manifestMatchesTheModule(SessionManifest session) {
        Path module = ROOT.resolve(session.module());
        assertThat(session.module()).startsWith("session" + session.number() + "-");
        assertThat(session.title()).isNotBlank();
        assertThat(ROOT.resolve(session.guide())).as("guide").exists();
        assertThat(session.labs()).as("labs").isNotEmpty();
        for (SessionManifest.Lab lab : session.labs()) {
            assertThat(lab.name()).matches("[a-z0-9-]+");
            assertThat(lab.about()).isNotBlank();
            assertThat(module.resolve("src/main/java").resolve(lab.main().replace('.', '/') + ".java"))
                    .as("main class of lab %s", lab.name()).exists();
        }
        assertThat(session.labs()).extracting(SessionManifest.Lab::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void everyExerciseHasAStubASolutionATestHintsAndAGuideSection(SessionManifest session) throws IOException {
        Path module = ROOT.resolve(session.module());
        String guide = Files.readString(ROOT.resolve(session.guide()));
        List<String> headings = guide.lines().filter(line -> line.startsWith("#")).toList();
        for (SessionManifest.Exercise exercise : session.exercises()) {
            assertThat(exercise.id()).matches("[a-z0-9-]+");
            assertThat(module.resolve("src/exercise/java").resolve(exercise.sourcePath())).as("stub").exists();
            assertThat(module.resolve("src/solution/java").resolve(exercise.sourcePath())).as("solution").exists();
            assertThat(module.resolve("src/test/java").resolve(exercise.testSourcePath())).as("test").exists();
            assertThat(exercise.hints()).as("hints of %s", exercise.id()).isNotEmpty();
            assertThat(headings).as("a heading for %s in %s", exercise.section(), session.guide())
                    .anyMatch(heading -> heading.contains(exercise.section()));
        }
        assertThat(session.exercises()).extracting(SessionManifest.Exercise::id).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void stubsAndSolutionsAreTheSameClassesAndAllListed(SessionManifest session) throws IOException {
        Path module = ROOT.resolve(session.module());
        Set<Path> listed = new HashSet<>();
        session.exercises().forEach(exercise -> listed.add(exercise.sourcePath()));
        assertThat(javaFiles(module.resolve("src/exercise/java"))).as("stubs of %s", session.module())
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(javaFiles(module.resolve("src/solution/java"))).as("solutions of %s", session.module())
                .containsExactlyInAnyOrderElementsOf(listed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void stubsSayWhatToDo(SessionManifest session) throws IOException {
        Path stubs = ROOT.resolve(session.module()).resolve("src/exercise/java");
        for (SessionManifest.Exercise exercise : session.exercises()) {
            assertThat(Files.readString(stubs.resolve(exercise.sourcePath())))
                    .as("stub of %s", exercise.id()).contains("TODO").contains("UnsupportedOperationException");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void oneCoreExerciseAndTheRestStretch(SessionManifest session) {
        if (!session.exercises().isEmpty()) {
            assertThat(session.exercises()).as("core exercises of %s", session.module())
                    .filteredOn(SessionManifest.Exercise::core).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void everyExerciseHasKnownWrongAnswersThatReplaceSolutionFiles(SessionManifest session) throws IOException {
        Path module = ROOT.resolve(session.module());
        Set<Path> solutionFiles = javaFiles(module.resolve("src/solution/java"));
        for (SessionManifest.Exercise exercise : session.exercises()) {
            assertThat(exercise.wrong()).as("known-wrong answers of %s (at least 2, 3 for the core exercise)",
                    exercise.id()).hasSizeGreaterThanOrEqualTo(exercise.core() ? 3 : 2);
            for (SessionManifest.WrongAnswer wrong : exercise.wrong()) {
                assertThat(wrong.id()).matches("[a-z0-9-]+");
                assertThat(wrong.why()).as("why %s is wrong", wrong.id()).isNotBlank();
                Path sources = module.resolve(exercise.wrongSources(wrong));
                Set<Path> files = javaFiles(sources);
                assertThat(files).as("files of %s/%s", exercise.id(), wrong.id()).isNotEmpty();
                // A wrong answer replaces files of the reference solution; anything else would not be compiled
                // in its place.
                assertThat(solutionFiles).as("solution files that %s/%s replaces", exercise.id(), wrong.id())
                        .containsAll(files);
                for (Path file : files) {
                    assertThat(Files.readString(sources.resolve(file)).lines().findFirst().orElse(""))
                            .as("first line of %s/%s/%s", exercise.id(), wrong.id(), file)
                            .startsWith("// Known-wrong answer: ");
                }
            }
            assertThat(exercise.wrong()).extracting(SessionManifest.WrongAnswer::id).doesNotHaveDuplicates();
        }
        // Nothing under src/wrong that the manifest does not list: it would never be checked.
        Path wrongRoot = module.resolve("src/wrong");
        if (Files.exists(wrongRoot)) {
            try (Stream<Path> dirs = Files.list(wrongRoot)) {
                for (Path exerciseDir : dirs.toList()) {
                    String id = exerciseDir.getFileName().toString();
                    SessionManifest.Exercise exercise = session.exercise(id).orElseThrow(() -> new AssertionError(
                            wrongRoot.relativize(exerciseDir) + " is not an exercise of " + session.module()));
                    try (Stream<Path> answers = Files.list(exerciseDir)) {
                        assertThat(answers.map(p -> p.getFileName().toString()).toList())
                                .as("wrong answers of %s on disk", id)
                                .containsExactlyInAnyOrderElementsOf(exercise.wrong().stream()
                                        .map(SessionManifest.WrongAnswer::id).toList());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void hintsClimbFromAConceptToCode(SessionManifest session) {
        for (SessionManifest.Exercise exercise : session.exercises()) {
            assertThat(exercise.hints()).as("hints of %s: a concept, then the API, then code", exercise.id())
                    .hasSizeGreaterThanOrEqualTo(3);
            // The first hint (the one ./course check prints) names no method call, type or code.
            assertThat(exercise.hints().get(0)).as("the first hint of %s is a concept, not code", exercise.id())
                    .doesNotContainPattern("[A-Za-z_][A-Za-z0-9_]*\\([A-Za-z0-9_, .\"]*\\)")
                    .doesNotContainPattern("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b")
                    .doesNotContainPattern("[`;{}]");
        }
    }

    @Test
    void theCurriculumTableListsEverySession() throws IOException {
        String curriculum = Files.readString(ROOT.resolve("docs/README.md"));
        for (SessionManifest session : COURSE.sessions()) {
            assertThat(curriculum).as("docs/README.md").contains(session.module()).contains(session.guide().replace("docs/", ""));
        }
    }

    private static Set<Path> javaFiles(Path sourceRoot) throws IOException {
        if (!Files.exists(sourceRoot)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            Set<Path> result = new HashSet<>();
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> result.add(sourceRoot.relativize(p)));
            return result;
        }
    }
}
