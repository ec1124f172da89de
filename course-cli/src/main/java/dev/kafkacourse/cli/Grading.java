package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./course grade PATH... [--sessions NN,NN] [--out DIR]}: an instructor's check of learners' repositories.
 * Each learner's {@code src/exercise/java} of every session is compiled and run against this repository's tests
 * (never the learner's copy of them), one JVM and broker per session for all learners together. The learners'
 * trees are only read. A git repository that is not a work tree (a bare repo, a URL on disk) is cloned into a
 * temporary folder first. Writes a Markdown report for people and a JSON one for tools.
 */
final class Grading {

    private static final long SESSION_TIMEOUT_MINUTES = 30;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Course course;
    private final PrintStream out;

    Grading(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    /** One exercise of one learner. */
    record ExerciseResult(String session, String exercise, boolean core, boolean solved, String problem) {
    }

    /** One learner's results, session by session, with the time each session's tests took for them. */
    record LearnerReport(String learner, String path, Map<String, List<ExerciseResult>> sessions,
            Map<String, Double> seconds) {
    }

    int grade(List<String> args) {
        List<String> paths = new ArrayList<>();
        List<String> typedSessions = new ArrayList<>();
        Path outDir = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--sessions" -> typedSessions.addAll(List.of(value(args, ++i, "--sessions").split(",")));
                case "--out" -> outDir = Path.of(value(args, ++i, "--out")).toAbsolutePath();
                default -> paths.add(args.get(i));
            }
        }
        if (paths.isEmpty()) {
            throw new CourseCli.UsageException("Missing the learner's repository: ./course grade PATH... "
                    + "[--sessions NN,NN] [--out DIR]");
        }
        List<SessionManifest> sessions = typedSessions.isEmpty()
                ? course.sessions().stream().filter(s -> !s.exercises().isEmpty()).toList()
                : typedSessions.stream().map(t -> course.session(t.strip()).orElseThrow(() ->
                        new CourseCli.UsageException("No session '" + t + "'"))).toList();
        if (outDir == null) {
            outDir = course.root().resolve(".course/grade/"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        List<Path> clones = new ArrayList<>();
        try {
            Map<String, Path> learners = learners(paths, clones);
            out.printf("Grading %d learner%s on %d session%s ...%n", learners.size(), learners.size() == 1 ? "" : "s",
                    sessions.size(), sessions.size() == 1 ? "" : "s");
            SessionJvm jvm = new SessionJvm(course);
            if (!jvm.buildOrExplain(sessions, "grade", "This repository's build failed:", out)) {
                return CourseCli.FAILED;
            }
            Map<String, LearnerReport> reports = new LinkedHashMap<>();
            int index = 0;
            for (String name : learners.keySet()) {
                reports.put(name, new LearnerReport(name, paths.get(index++), new LinkedHashMap<>(),
                        new LinkedHashMap<>()));
            }
            for (SessionManifest session : sessions) {
                out.printf("%nSession %s (%s)%n", session.number(), session.module());
                gradeSession(jvm, session, learners, reports);
            }
            write(outDir, sessions, reports);
            printTable(sessions, reports);
            out.printf("%nReports: %s and %s%n", outDir.resolve("report.md"), outDir.resolve("report.json"));
            return CourseCli.OK;
        } catch (IOException e) {
            out.println("✗ " + e.getMessage());
            return CourseCli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CourseCli.FAILED;
        } finally {
            for (Path clone : clones) {
                try {
                    VariantRunner.deleteTree(clone);
                } catch (IOException e) {
                    out.println("(could not remove the temporary clone " + clone + ")");
                }
            }
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new CourseCli.UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    /** Learner name → a work tree to read (a clone for a git repository without one). */
    private Map<String, Path> learners(List<String> paths, List<Path> clones) throws IOException,
            InterruptedException {
        Map<String, Path> learners = new LinkedHashMap<>();
        for (String typed : paths) {
            Path path = Path.of(typed.replaceFirst("^file://", "")).toAbsolutePath().normalize();
            String name = path.getFileName().toString().replaceFirst("\\.git$", "");
            Path tree = path;
            if (!Files.isDirectory(path) || !hasSessions(path)) {
                Path clone = Files.createTempDirectory("course-grade-");
                clones.add(clone);
                tree = clone.resolve(name);
                Process git = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", typed, tree.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!git.waitFor(5, TimeUnit.MINUTES) || git.exitValue() != 0 || !hasSessions(tree)) {
                    throw new IOException(typed + " is neither a course repository nor a git repository of one");
                }
            }
            String unique = name;
            for (int i = 2; learners.containsKey(unique); i++) {
                unique = name + "-" + i;
            }
            learners.put(unique, tree);
        }
        return learners;
    }

    private static boolean hasSessions(Path tree) throws IOException {
        try (var entries = Files.list(tree)) {
            return entries.anyMatch(p -> p.getFileName().toString().matches("session\\d\\d-.+"));
        }
    }

    private void gradeSession(SessionJvm jvm, SessionManifest session, Map<String, Path> learners,
            Map<String, LearnerReport> reports) throws IOException, InterruptedException {
        List<String> tests = session.exercises().stream().map(SessionManifest.Exercise::test).distinct().toList();
        List<String> plan = new ArrayList<>();
        learners.forEach((name, tree) -> {
            Path sources = tree.resolve(session.module()).resolve("src/exercise/java");
            if (Files.isDirectory(sources)) {
                plan.add(VariantRunner.planLine(name, sources, tests));
            }
        });
        Map<String, SessionJvm.Outcome> outcomes = run(jvm, session, plan);
        // Whoever's whole tree does not compile is graded exercise by exercise: one broken file costs one exercise.
        List<String> retry = new ArrayList<>();
        for (String name : learners.keySet()) {
            SessionJvm.Outcome outcome = outcomes.get(name);
            if (outcome != null && outcome.compileError() != null) {
                for (SessionManifest.Exercise exercise : session.exercises()) {
                    Path file = learners.get(name).resolve(session.module()).resolve("src/exercise/java")
                            .resolve(exercise.sourcePath());
                    if (Files.exists(file)) {
                        retry.add(VariantRunner.planLine(name + "/" + exercise.id(), file, List.of(exercise.test())));
                    }
                }
            }
        }
        Map<String, SessionJvm.Outcome> single = retry.isEmpty() ? Map.of() : run(jvm, session, retry);

        for (Map.Entry<String, Path> learner : learners.entrySet()) {
            String name = learner.getKey();
            SessionJvm.Outcome whole = outcomes.get(name);
            List<ExerciseResult> results = new ArrayList<>();
            double seconds = whole == null ? 0 : whole.millis() / 1000.0;
            for (SessionManifest.Exercise exercise : session.exercises()) {
                SessionJvm.Outcome outcome = whole != null && whole.compileError() != null
                        ? single.get(name + "/" + exercise.id()) : whole;
                results.add(result(session, exercise, outcome, whole));
                if (outcome != whole && outcome != null) {
                    seconds += outcome.millis() / 1000.0;
                }
            }
            reports.get(name).sessions().put(session.number(), results);
            reports.get(name).seconds().put(session.number(), seconds);
            long solved = results.stream().filter(ExerciseResult::solved).count();
            out.printf(Locale.ROOT, "  %-24s %d/%d solved (%.1f s)%n", name, solved, results.size(), seconds);
        }
    }

    private Map<String, SessionJvm.Outcome> run(SessionJvm jvm, SessionManifest session, List<String> plan)
            throws IOException, InterruptedException {
        if (plan.isEmpty()) {
            return Map.of();
        }
        try {
            return jvm.runBatch(session, plan, SESSION_TIMEOUT_MINUTES);
        } catch (SessionJvm.TimeoutException e) {
            out.println("  ✗ " + e.getMessage());
            return Map.of();
        }
    }

    private static ExerciseResult result(SessionManifest session, SessionManifest.Exercise exercise,
            SessionJvm.Outcome outcome, SessionJvm.Outcome whole) {
        if (whole == null) {
            return new ExerciseResult(session.number(), exercise.id(), exercise.core(), false,
                    "no " + session.module() + "/src/exercise/java in this repository, or its tests did not run");
        }
        if (outcome == null || outcome.compileError() != null) {
            String error = outcome == null ? whole.compileError() : outcome.compileError();
            return new ExerciseResult(session.number(), exercise.id(), exercise.core(), false,
                    "does not compile: " + error);
        }
        Optional<TestReports.ClassReport> report = outcome.report(exercise.test());
        boolean solved = report.map(TestReports.ClassReport::allPassed).orElse(false);
        String problem = solved ? null : report.flatMap(TestReports.ClassReport::firstProblem)
                .map(c -> c.name() + ": " + c.problem()).orElse("the test did not run");
        return new ExerciseResult(session.number(), exercise.id(), exercise.core(), solved, problem);
    }

    private void printTable(List<SessionManifest> sessions, Map<String, LearnerReport> reports) {
        out.println();
        out.print(String.format("  %-20s", "learner"));
        sessions.forEach(s -> out.printf(" %7s", s.number()));
        out.println("   total");
        for (LearnerReport report : reports.values()) {
            out.printf("  %-20s", report.learner());
            List<String> cells = row(report, sessions, "*");
            cells.subList(0, sessions.size()).forEach(cell -> out.printf(" %7s", cell));
            out.printf("   %s%n", cells.get(sessions.size()));
        }
        out.println("  (* = the session's core exercise is solved)");
    }

    /** A learner's "solved/total" per session (with {@code coreMark} when the core exercise is solved), then in all. */
    private static List<String> row(LearnerReport report, List<SessionManifest> sessions, String coreMark) {
        List<String> cells = new ArrayList<>();
        int solved = 0;
        int total = 0;
        for (SessionManifest session : sessions) {
            List<ExerciseResult> results = report.sessions().getOrDefault(session.number(), List.of());
            long done = results.stream().filter(ExerciseResult::solved).count();
            solved += (int) done;
            total += results.size();
            cells.add(done + "/" + results.size() + (coreSolved(results) ? coreMark : ""));
        }
        cells.add(solved + "/" + total);
        return cells;
    }

    private static boolean coreSolved(List<ExerciseResult> results) {
        return results.stream().anyMatch(r -> r.core() && r.solved());
    }

    private void write(Path outDir, List<SessionManifest> sessions, Map<String, LearnerReport> reports)
            throws IOException {
        Files.createDirectories(outDir);
        try {
            JSON.writeValue(outDir.resolve("report.json").toFile(), Map.of("sessions",
                    sessions.stream().map(SessionManifest::number).toList(), "learners", reports.values()));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("Could not write the JSON report: " + e.getMessage(), e));
        }
        StringBuilder md = new StringBuilder("# Exercise grades\n\n| learner |");
        sessions.forEach(s -> md.append(' ').append(s.number()).append(" |"));
        md.append(" total |\n|---|");
        sessions.forEach(s -> md.append("---|"));
        md.append("---|\n");
        for (LearnerReport report : reports.values()) {
            md.append("| ").append(report.learner()).append(" | ")
                    .append(String.join(" | ", row(report, sessions, " ★"))).append(" |\n");
        }
        md.append("\n★ = the session's core exercise is solved.\n");
        for (LearnerReport report : reports.values()) {
            md.append("\n## ").append(report.learner()).append("\n\n`").append(report.path()).append("`\n");
            for (SessionManifest session : sessions) {
                md.append(String.format(Locale.ROOT, "%n### Session %s (%.1f s)%n%n", session.number(),
                        report.seconds().getOrDefault(session.number(), 0.0)));
                for (ExerciseResult result : report.sessions().getOrDefault(session.number(), List.of())) {
                    md.append("- ").append(result.solved() ? "✓" : "✗").append(" `").append(result.exercise())
                            .append('`').append(result.core() ? " (core)" : " (stretch)");
                    if (!result.solved()) {
                        md.append(": ").append(result.problem().replace("|", "\\|"));
                    }
                    md.append('\n');
                }
            }
        }
        Files.writeString(outDir.resolve("report.md"), md);
    }
}
