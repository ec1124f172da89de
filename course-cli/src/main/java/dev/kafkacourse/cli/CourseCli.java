package dev.kafkacourse.cli;

import dev.kafkacourse.support.env.EnvironmentCheck;
import dev.kafkacourse.support.kafka.KafkaClusters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code ./course}: the learner's loop of progress, checks, hints and labs. */
public final class CourseCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Course course;
    private final PrintStream out;

    CourseCli(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("course.root", ".")).toAbsolutePath().normalize();
        int status;
        try {
            Course course = Course.load(root);
            course.problems().forEach(problem -> System.err.println("✗ " + problem));
            status = new CourseCli(course, System.out).run(args);
        } catch (UsageException e) {
            System.out.println(e.getMessage());
            status = USAGE;
        } catch (IllegalStateException e) {
            System.out.println("✗ " + e.getMessage());
            status = USAGE;
        }
        System.exit(status);
    }

    int run(String... args) {
        String command = args.length == 0 ? "list" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        return switch (command) {
            case "list" -> new ProgressTable(course, Progress.load(course.root()), out).print();
            case "check" -> "all".equals(optional(rest, 0)) ? checkAll(rest.contains("--solution"))
                    : new ExerciseCheck(course, out).check(session(rest), optional(rest, 1),
                            rest.contains("--solution"));
            case "grade" -> new Grading(course, out).grade(rest);
            case "watch" -> new ExerciseWatch(course, out).watch(session(rest));
            case "hint" -> hint(session(rest), optional(rest, 1), rest.contains("--all"));
            case "lab" -> new LabLauncher(course, out).run(session(rest), required(rest, 1, "lab name"),
                    rest.size() > 2 ? rest.subList(2, rest.size()) : List.of());
            case "demo" -> demo(rest);
            case "doctor" -> doctor();
            case "cluster" -> new LocalCluster(course.root(), out).run(rest);
            case "registry" -> new SchemaRegistryCommand(course, out).run(rest);
            case "monitoring" -> new Monitoring(course.root(), out).run(rest);
            case "verify-exercises", "verify-stubs" -> new ExerciseVerification(course, out).verify(rest);
            case "help", "-h", "--help" -> {
                out.println(usage());
                yield OK;
            }
            default -> throw new UsageException("Unknown command '" + command + "'.\n\n" + usage());
        };
    }

    /** {@code check all}: every session with exercises, one after the other, then one line per session. */
    private int checkAll(boolean solutionTrack) {
        List<String> summary = new java.util.ArrayList<>();
        int status = OK;
        for (SessionManifest session : course.sessions()) {
            if (session.exercises().isEmpty()) {
                continue;
            }
            int result = new ExerciseCheck(course, out).check(session, null, solutionTrack);
            status = Math.max(status, result);
            Progress progress = Progress.load(course.root());
            long solved = session.exercises().stream()
                    .filter(e -> Boolean.TRUE.equals(progress.solved(session, e.id()))).count();
            summary.add(String.format("  %s %-26s %s", result == OK ? "✓" : "✗", session.module(),
                    solutionTrack ? (result == OK ? "all pass" : "failures above") : solved + "/"
                            + session.exercises().size() + " solved"));
            out.println();
        }
        out.println("All sessions:");
        summary.forEach(out::println);
        return status;
    }

    private SessionManifest session(List<String> rest) {
        String typed = required(rest, 0, "session number");
        return course.session(typed).orElseThrow(() -> new UsageException("No session '" + typed
                + "'. Sessions that exist: " + course.sessions().stream()
                        .map(s -> s.number() + " (" + s.module() + ")").toList()));
    }

    /** The main job: session 20's pipeline (options such as --duration pass through); else session 02's lab. */
    private int demo(List<String> rest) {
        SessionManifest session = demoSession();
        return new LabLauncher(course, out).run(session, session.lab("pipeline").isPresent() ? "pipeline"
                : "produce-consume", rest);
    }

    private SessionManifest demoSession() {
        return course.session("20").filter(s -> s.lab("pipeline").isPresent())
                .orElseGet(() -> course.session("02").orElseThrow());
    }

    private static String required(List<String> rest, int index, String what) {
        if (rest.size() <= index || rest.get(index).startsWith("--")) {
            throw new UsageException("Missing " + what + ".\n\n" + usage());
        }
        return rest.get(index);
    }

    private static String optional(List<String> rest, int index) {
        return rest.size() > index && !rest.get(index).startsWith("--") ? rest.get(index) : null;
    }

    /**
     * Hints climb from a concept to code. {@code hint NN exercise} opens the next hint of that exercise each time
     * and remembers it; {@code hint NN} shows what is open for every exercise; {@code --all} shows every hint.
     */
    private int hint(SessionManifest session, String exerciseId, boolean all) {
        List<SessionManifest.Exercise> exercises = exerciseId == null ? session.exercises()
                : List.of(session.exercise(exerciseId).orElseThrow(() -> new UsageException("No exercise '"
                        + exerciseId + "' in session " + session.number() + ". Exercises: "
                        + session.exercises().stream().map(SessionManifest.Exercise::id).toList())));
        HintLedger ledger = HintLedger.load(course.root());
        out.printf("Session %s: %s (guide: %s)%n", session.number(), session.title(), session.guide());
        for (SessionManifest.Exercise exercise : exercises) {
            int total = exercise.hints().size();
            int open = all ? total : exerciseId != null ? ledger.openNext(session, exercise)
                    : ledger.opened(session, exercise);
            out.printf("%n[%s] %s%s — %s, %s%n", exercise.id(), exercise.title(), exercise.core() ? " (core)" : "",
                    exercise.section(), session.module() + "/src/exercise/java/" + exercise.sourcePath());
            for (int i = 0; i < open; i++) {
                out.printf("  %d. %s%n", i + 1, exercise.hints().get(i));
            }
            if (open < total) {
                out.printf("  (%d of %d hints; the next one: ./course hint %s %s)%n", open, total, session.number(),
                        exercise.id());
            }
        }
        if (exerciseId != null && !all) {
            ledger.save();
        }
        return OK;
    }

    private int doctor() {
        out.println("Checking this machine for the Kafka course...");
        EnvironmentCheck.Report report = EnvironmentCheck.run(course.root());
        EnvironmentCheck.print(report, out);
        KafkaClusters.closeShared();
        return report.ok() ? OK : FAILED;
    }

    static String usage() {
        return """
                Usage: ./course <command>
                  list                      progress of every session (the default)
                  check NN [exercise]       run session NN's exercise tests on your code (src/exercise/java)
                  check all                 every session's exercises
                        [--solution]        ... or on the reference solutions (instructors)
                  watch NN                  check on every save, exercise by exercise, with a broker kept warm
                  hint NN [exercise]        the hints opened so far; with an exercise, open its next hint
                       [--all]              ... every hint at once (instructors)
                  grade PATH... [--sessions NN,NN] [--out DIR]
                                            (instructors) grade learners' repositories: a table and reports
                  lab NN NAME [args]        run a lab against the course's Kafka (KAFKA_MODE, KAFKA_BOOTSTRAP_SERVERS)
                  demo [--duration 45s]     the main job: the ad pipeline over HTTP, live dashboard, reconciliation
                  doctor                    check the JDK, Docker and Kafka start-up on this machine
                  cluster up [--brokers N]  a KRaft cluster of separate processes on localhost (default 3 brokers)
                  cluster status | down     where it runs, its data and logs | stop it and remove its data
                  registry up|status|down   Apicurio schema registry on localhost:8081 (session 10), no Docker
                  monitoring up | status | down   a real Prometheus scraping the labs (COURSE_METRICS_PORT=9404)
                  verify-exercises [NN ...] (instructors/CI) prove the checking: every solution passes, every stub
                       [--jobs N]           and every known-wrong answer fails its tests; N sessions side by side
                                            (default 2; alias: verify-stubs)""";
    }

    /** A wrong command line: the message says what exists. Exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
