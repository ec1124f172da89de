package dev.kafkacourse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands that need no build, on a small course made in a temporary folder. */
class CourseCliTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private CourseCli cli;

    @BeforeEach
    void aCourseWithOneSession() throws IOException {
        Path module = Files.createDirectories(root.resolve("session07-producer"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.writeString(module.resolve("course.yml"), """
                session: 7
                module: session07-producer
                title: Producer
                guide: docs/session07-producer.md
                labs:
                  - name: send-styles
                    main: dev.kafkacourse.session07.SendStylesLab
                    about: "fire-and-forget, async, sync"
                exercises:
                  - id: callback-sender
                    title: Callback sender
                    class: dev.kafkacourse.session07.CallbackSender
                    test: dev.kafkacourse.session07.CallbackSenderTest
                    section: "연습 1"
                    core: true
                    hints: ["첫 번째 힌트", "두 번째 힌트"]
                  - id: sync-sender
                    title: Sync sender
                    class: dev.kafkacourse.session07.SyncSender
                    test: dev.kafkacourse.session07.SyncSenderTest
                    section: "연습 2"
                    hints: ["동기 힌트"]
                """);
        cli = new CourseCli(Course.load(root), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @Test
    void listShowsProgressFromTheLatestCheck() {
        Course course = Course.load(root);
        Progress progress = Progress.load(root);
        progress.record(course.sessions().get(0), "callback-sender", true);
        progress.record(course.sessions().get(0), "sync-sender", false);
        progress.save();

        assertThat(cli.run("list")).isZero();

        assertThat(text()).contains("07  session07-producer         1/2       ✓").contains("Overall 1/2 exercises")
                .contains("50%");
    }

    @Test
    void listWithoutChecksSaysHowToCheck() {
        assertThat(cli.run()).isZero();
        assertThat(text()).contains("not checked yet: ./course check 07");
    }

    @Test
    void hintOpensOneMoreHintEachTimeAndRemembersIt() {
        assertThat(cli.run("hint", "07", "callback-sender")).isZero();
        assertThat(text()).contains("[callback-sender]", "1. 첫 번째 힌트", "(1 of 2 hints")
                .doesNotContain("두 번째 힌트", "동기 힌트");

        output.reset();
        assertThat(cli.run("hint", "07", "callback-sender")).isZero();
        assertThat(text()).contains("1. 첫 번째 힌트", "2. 두 번째 힌트").doesNotContain("of 2 hints");

        output.reset();
        assertThat(cli.run("hint", "7")).isZero();
        assertThat(text()).as("what is open, without opening more").contains("2. 두 번째 힌트", "1. 동기 힌트");
    }

    @Test
    void hintForASessionShowsOnlyTheFirstHintUntilMoreAreOpened() {
        assertThat(cli.run("hint", "07")).isZero();
        assertThat(text()).contains("1. 첫 번째 힌트", "./course hint 07 callback-sender").doesNotContain("두 번째 힌트");

        output.reset();
        assertThat(cli.run("hint", "07", "--all")).isZero();
        assertThat(text()).contains("2. 두 번째 힌트");
    }

    @Test
    void unknownSessionExerciseOrLabListsWhatExists() {
        assertThatThrownBy(() -> cli.run("check", "99")).isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("No session '99'").hasMessageContaining("07 (session07-producer)");
        assertThatThrownBy(() -> cli.run("hint", "07", "nope")).isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("callback-sender").hasMessageContaining("sync-sender");
        assertThatThrownBy(() -> cli.run("lab", "07", "nope")).isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("send-styles");
        assertThatThrownBy(() -> cli.run("frobnicate")).isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("Usage: ./course");
        assertThatThrownBy(() -> cli.run("check")).isInstanceOf(CourseCli.UsageException.class)
                .hasMessageContaining("Missing session number");
    }

    @Test
    void aBrokenManifestIsReportedWithItsFile() throws IOException {
        Files.writeString(root.resolve("session07-producer/course.yml"), "session: 7\nmodul: typo\n");
        Course course = Course.load(root);

        assertThat(course.sessions()).isEmpty();
        assertThat(course.problems()).singleElement().asString().contains("session07-producer/course.yml", "modul");
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
