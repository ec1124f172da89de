package dev.kafkacourse.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./course verify-exercises [NN ...]} (also {@code verify-stubs}): proves that the exercise tests can tell a
 * right answer from a wrong one. For every session: the reference solution passes its exercise tests, every
 * untouched stub fails every exercise test case, and every known-wrong answer fails its exercise's test with a real
 * test failure (a wrong answer that does not compile proves nothing, so it counts as a defect).
 *
 * <p>One Maven build compiles every session's solution and tests; then each session runs in one JVM of its own
 * ({@link VariantRunner}) that compiles the variants with the JDK's compiler and runs them all against one broker.
 */
final class ExerciseVerification {

    /** A session whose JVM runs longer than this is stopped and reported (a wrong answer that hangs the JVM). */
    private static final long SESSION_TIMEOUT_MINUTES = 20;
    private static final String CLASSPATH_FILE = "target/course-test-classpath.txt";

    private final Course course;
    private final PrintStream out;

    ExerciseVerification(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    /** What one variant did: its test outcomes, or why it could not run. */
    record Outcome(String variant, List<String[]> tests, String compileError, long millis) {
        long count(String outcome) {
            return tests.stream().filter(t -> t[1].equals(outcome)).count();
        }
    }

    int verify(List<String> typedSessions) {
        long started = System.nanoTime();
        List<SessionManifest> sessions = select(typedSessions);
        if (sessions.isEmpty()) {
            out.println("No session with exercises to verify.");
            return CourseCli.OK;
        }
        out.printf("Building %d session%s (solutions and tests) ...%n", sessions.size(),
                sessions.size() == 1 ? "" : "s");
        Path log = course.root().resolve(".course/logs/verify-exercises.log");
        int exit = new Maven(course.root()).run(log, List.of("-q", "-pl",
                String.join(",", sessions.stream().map(SessionManifest::module).toList()), "-am", "test-compile",
                "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test",
                "-Dcourse.track=solution"));
        if (exit != 0) {
            out.println("✗ The build failed; see " + course.root().relativize(log));
            Maven.compileErrors(log).forEach(line -> out.println("    " + line));
            return CourseCli.FAILED;
        }

        List<String> defects = new ArrayList<>();
        List<String> table = new ArrayList<>();
        int wrongTotal = 0;
        long stubCasesTotal = 0;
        for (SessionManifest session : sessions) {
            long sessionStarted = System.nanoTime();
            out.printf("%nSession %s (%s): %d exercises, %d known-wrong answers%n", session.number(),
                    session.module(), session.exercises().size(), wrongAnswers(session));
            Map<String, Outcome> outcomes = runSession(session, defects);
            int before = defects.size();
            stubCasesTotal += judge(session, outcomes, defects);
            wrongTotal += wrongAnswers(session);
            table.add(String.format(Locale.ROOT, "  %-26s %9d %9d %13d %8.0f s   %s", session.module(),
                    session.exercises().size(), wrongAnswers(session),
                    outcomes.containsKey("stub") ? outcomes.get("stub").tests().size() : 0,
                    (System.nanoTime() - sessionStarted) / 1e9, defects.size() == before ? "✓" : "✗"));
        }

        out.printf("%n  %-26s %9s %9s %13s %10s%n", "session", "exercises", "wrong", "stub cases", "time");
        table.forEach(out::println);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (defects.isEmpty()) {
            out.printf(Locale.ROOT, "%n✓ %d sessions: every reference solution passes, all %d stub test cases fail, "
                    + "all %d known-wrong answers are caught (%.0f s).%n", sessions.size(), stubCasesTotal,
                    wrongTotal, seconds);
            return CourseCli.OK;
        }
        out.printf(Locale.ROOT, "%n✗ %d defect%s in the exercise checking (%.0f s):%n", defects.size(),
                defects.size() == 1 ? "" : "s", seconds);
        defects.forEach(defect -> out.println("    " + defect));
        return CourseCli.FAILED;
    }

    private List<SessionManifest> select(List<String> typed) {
        if (typed.isEmpty()) {
            return course.sessions().stream().filter(s -> !s.exercises().isEmpty()).toList();
        }
        return typed.stream().map(t -> course.session(t).orElseThrow(() -> new CourseCli.UsageException(
                "No session '" + t + "'. Sessions: " + course.sessions().stream().map(SessionManifest::number)
                        .toList()))).toList();
    }

    private static int wrongAnswers(SessionManifest session) {
        return session.exercises().stream().mapToInt(e -> e.wrong().size()).sum();
    }

    /** Runs the solution, the stubs and every wrong answer of one session in one JVM; returns outcomes by variant. */
    private Map<String, Outcome> runSession(SessionManifest session, List<String> defects) {
        Path module = course.module(session);
        Path work = module.resolve("target/course-verify");
        List<String> allTests = session.exercises().stream().map(SessionManifest.Exercise::test).distinct().toList();
        List<String> plan = new ArrayList<>();
        plan.add(VariantRunner.planLine("solution", null, allTests));
        plan.add(VariantRunner.planLine("stub", module.resolve("src/exercise/java"), allTests));
        for (SessionManifest.Exercise exercise : session.exercises()) {
            for (SessionManifest.WrongAnswer wrong : exercise.wrong()) {
                plan.add(VariantRunner.planLine(exercise.id() + "/" + wrong.id(),
                        module.resolve(exercise.wrongSources(wrong)), List.of(exercise.test())));
            }
        }
        try {
            Files.createDirectories(work);
            Path planFile = work.resolve("plan.tsv");
            Path resultFile = work.resolve("results.tsv");
            Files.write(planFile, plan, StandardCharsets.UTF_8);
            Files.deleteIfExists(resultFile);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + module.resolve("target/tmp"),
                    "-cp", runnerClassPath(module), VariantRunner.class.getName(),
                    module.toString(), planFile.toString(), resultFile.toString());
            Process process = new ProcessBuilder(command).directory(module.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(true).start();
            if (!process.waitFor(SESSION_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                defects.add(session.number() + ": stopped after " + SESSION_TIMEOUT_MINUTES + " minutes (a hang?); "
                        + "tests' output: " + course.root().relativize(work.resolve("tests.log")));
            } else if (process.exitValue() != 0) {
                defects.add(session.number() + ": the verification JVM failed (exit " + process.exitValue()
                        + "); tests' output: " + course.root().relativize(work.resolve("tests.log")));
            }
            return Files.exists(resultFile) ? readResults(resultFile) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while verifying session " + session.number(), e);
        }
    }

    /**
     * The runner's class path: this command's classes and the JUnit launcher, then the module's test dependencies
     * (libraries and {@code course-support}), but not the module's own classes: each variant brings those.
     */
    private String runnerClassPath(Path module) throws IOException {
        Path cli = course.root().resolve("course-cli/target");
        List<String> entries = new ArrayList<>();
        entries.add(cli.resolve("classes").toString());
        for (String entry : Files.readString(cli.resolve("classpath.txt")).strip().split(File.pathSeparator)) {
            if (entry.contains("junit-platform-launcher")) {
                entries.add(entry);
            }
        }
        entries.addAll(List.of(Files.readString(module.resolve(CLASSPATH_FILE)).strip().split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    static Map<String, Outcome> readResults(Path resultFile) throws IOException {
        Map<String, List<String[]>> tests = new LinkedHashMap<>();
        Map<String, String> compileErrors = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(resultFile, StandardCharsets.UTF_8)) {
            for (String line : lines.toList()) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "test" -> tests.computeIfAbsent(f[1], k -> new ArrayList<>())
                            .add(new String[] {f[2], f[3], f.length > 4 ? f[4] : ""});
                    case "compile-error" -> compileErrors.put(f[1], f[2]);
                    case "done" -> millis.put(f[1], Long.parseLong(f[2]));
                    default -> { }
                }
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        millis.forEach((variant, ms) -> outcomes.put(variant, new Outcome(variant,
                tests.getOrDefault(variant, List.of()), compileErrors.get(variant), ms)));
        return outcomes;
    }

    /** Adds the session's defects; returns how many stub test cases failed as they must. */
    private long judge(SessionManifest session, Map<String, Outcome> outcomes, List<String> defects) {
        String n = session.number();
        Outcome solution = outcomes.get("solution");
        if (solution == null || solution.tests().isEmpty()) {
            defects.add(n + " solution: the exercise tests did not run");
        } else {
            solution.tests().stream().filter(t -> !t[1].equals("PASSED")).forEach(t -> defects.add(n
                    + " solution: " + t[0] + " " + t[1].toLowerCase(Locale.ROOT) + ": " + t[2]));
            List<String> ran = solution.tests().stream().map(t -> t[0].split("#")[0]).distinct().toList();
            session.exercises().stream().map(SessionManifest.Exercise::test).filter(t -> !ran.contains(t))
                    .forEach(t -> defects.add(n + " solution: " + t + " ran no test"));
        }
        Outcome stub = outcomes.get("stub");
        long stubFailures = 0;
        if (stub == null) {
            defects.add(n + " stub: did not run");
        } else if (stub.compileError() != null) {
            defects.add(n + " stub: does not compile: " + stub.compileError());
        } else {
            stubFailures = stub.count("FAILED");
            stub.tests().stream().filter(t -> !t[1].equals("FAILED")).forEach(t -> defects.add(n + " stub: "
                    + t[0] + " " + t[1].toLowerCase(Locale.ROOT) + " on the untouched stub"));
            out.printf("  stub: %d of %d exercise test cases fail, as they must%n", stubFailures, stub.tests().size());
        }
        for (SessionManifest.Exercise exercise : session.exercises()) {
            for (SessionManifest.WrongAnswer wrong : exercise.wrong()) {
                String variant = exercise.id() + "/" + wrong.id();
                Outcome outcome = outcomes.get(variant);
                if (outcome == null) {
                    defects.add(n + " " + variant + ": did not run");
                } else if (outcome.compileError() != null) {
                    defects.add(n + " " + variant + ": does not compile, so it proves nothing: "
                            + outcome.compileError());
                } else if (outcome.count("FAILED") == 0) {
                    defects.add(n + " " + variant + ": NOT CAUGHT, " + outcome.count("PASSED") + " tests pass on it ("
                            + wrong.why() + ")");
                } else {
                    String first = outcome.tests().stream().filter(t -> t[1].equals("FAILED")).findFirst()
                            .map(t -> t[0].substring(t[0].indexOf('#') + 1) + ": " + t[2]).orElse("");
                    out.printf("  ✓ %-44s caught by %s%n", variant, first.length() <= 110 ? first
                            : first.substring(0, 107) + "...");
                }
            }
        }
        return stubFailures;
    }
}
