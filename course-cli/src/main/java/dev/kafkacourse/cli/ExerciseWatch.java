package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./course watch NN}: the rustlings loop. Keeps one test JVM with a warm broker; on every save in the
 * session's exercise sources it recompiles them and re-runs the current exercise's test, prints the same verdict as
 * {@code check}, and moves on to the next unsolved exercise once the current one passes. Ctrl-C ends it, and the
 * test JVM with it (the JVM also ends by itself when this command dies: its input closes).
 */
final class ExerciseWatch {

    private static final long POLL_MILLIS = 150;

    private final Course course;
    private final PrintStream out;

    ExerciseWatch(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    int watch(SessionManifest session) {
        try {
            return loop(session);
        } catch (IOException e) {
            out.println("✗ " + e.getMessage());
            return CourseCli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CourseCli.FAILED;
        }
    }

    private int loop(SessionManifest session) throws IOException, InterruptedException {
        if (session.exercises().isEmpty()) {
            out.println("Session " + session.number() + " has no exercises.");
            return CourseCli.OK;
        }
        SessionJvm jvm = new SessionJvm(course);
        out.printf("Preparing session %s (the first time this builds the module) ...%n", session.number());
        if (!jvm.buildOrExplain(List.of(session), "watch-" + session.number(), "The session's module does not build:",
                out)) {
            return CourseCli.FAILED;
        }
        Path sources = course.module(session).resolve("src/exercise/java");
        ExerciseCheck check = new ExerciseCheck(course, out);
        Progress progress = Progress.load(course.root());
        SessionManifest.Exercise current = nextUnsolved(session, progress, null);
        try (SessionJvm.Server server = jvm.serve(session)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            out.printf("Watching %s: save a file to check it again; Ctrl-C to stop.%n",
                    course.root().relativize(sources));
            long seen = signature(sources);
            while (current != null) {
                long started = System.nanoTime();
                out.printf("%n[%s] checking %s ...%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), current.id());
                SessionJvm.Outcome outcome = server.run(VariantRunner.planLine("watch", sources,
                        List.of(current.test())));
                boolean passed = !check.printCompileError(outcome)
                        && check.printExercise(session, current, outcome.report(current.test()));
                out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - started) / 1e9);
                progress.record(session, current.id(), passed);
                progress.save();
                if (passed) {
                    current = nextUnsolved(session, progress, current);
                    if (current != null) {
                        out.printf("Next: %s (%s, %s)%n", current.id(), current.title(), current.section());
                    }
                    continue;
                }
                seen = awaitChange(sources, seen);
            }
            out.printf("%nEvery exercise of session %s is solved. ./course list shows your progress.%n",
                    session.number());
        }
        return CourseCli.OK;
    }

    /** The first unsolved exercise after {@code after} (or from the start), the core one first when nothing is. */
    private static SessionManifest.Exercise nextUnsolved(SessionManifest session, Progress progress,
            SessionManifest.Exercise after) {
        List<SessionManifest.Exercise> exercises = session.exercises();
        int start = after == null ? 0 : exercises.indexOf(after) + 1;
        for (int i = 0; i < exercises.size(); i++) {
            SessionManifest.Exercise candidate = exercises.get((start + i) % exercises.size());
            if (!Boolean.TRUE.equals(progress.solved(session, candidate.id()))) {
                return candidate;
            }
        }
        return null;
    }

    private static long awaitChange(Path sources, long seen) throws IOException, InterruptedException {
        while (true) {
            long now = signature(sources);
            if (now != seen) {
                return now;
            }
            Thread.sleep(POLL_MILLIS);   // polling a few dozen files is cheap and works on every file system
        }
    }

    /** Changes when a source file is saved, added or removed. */
    private static long signature(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted()
                    .mapToLong(p -> p.hashCode() * 31L + p.toFile().lastModified() * 17L + p.toFile().length())
                    .reduce(1, (a, b) -> a * 1_000_003L + b);
        }
    }
}
