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
