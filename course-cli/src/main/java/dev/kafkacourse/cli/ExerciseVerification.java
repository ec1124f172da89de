package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    /** Sessions run side by side unless {@code --jobs N} says otherwise. */
    private static final int DEFAULT_JOBS = 2;

    private final Course course;
    private final PrintStream out;

    ExerciseVerification(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    int verify(List<String> args) {
        long started = System.nanoTime();
        List<String> typedSessions = new ArrayList<>(args);
        int jobs = DEFAULT_JOBS;
        int option = typedSessions.indexOf("--jobs");
        if (option >= 0) {
            if (option + 1 >= typedSessions.size() || !typedSessions.get(option + 1).matches("[1-9]\\d*")) {
                throw new CourseCli.UsageException("--jobs takes the number of sessions to run side by side");
            }
            jobs = Integer.parseInt(typedSessions.remove(option + 1));
            typedSessions.remove(option);
        }
        List<SessionManifest> sessions = select(typedSessions);
        if (sessions.isEmpty()) {
            out.println("No session with exercises to verify.");
            return CourseCli.OK;
        }
        out.printf("Building %d session%s (solutions and tests) ...%n", sessions.size(),
                sessions.size() == 1 ? "" : "s");
        if (!new SessionJvm(course).buildOrExplain(sessions, "verify-exercises", "The build failed:", out)) {
            return CourseCli.FAILED;
        }

        // Sessions run side by side: most of a session's time is tests waiting on a broker or on a wrong answer's
        // timeout, not CPU. Each session's lines are printed in session order once it is done.
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        Map<SessionManifest, Future<SessionRun>> runs = new LinkedHashMap<>();
        sessions.forEach(session -> runs.put(session, pool.submit(() -> runSession(session))));
        pool.shutdown();
        List<String> defects = new ArrayList<>();
        List<String> table = new ArrayList<>();
        int wrongTotal = 0;
        long stubCasesTotal = 0;
        for (SessionManifest session : sessions) {
            SessionRun run = await(runs.get(session));
            out.printf("%nSession %s (%s): %d exercises, %d known-wrong answers%n", session.number(),
                    session.module(), session.exercises().size(), wrongAnswers(session));
            run.progress().forEach(out::println);
            int before = defects.size();
            defects.addAll(run.defects());
            stubCasesTotal += judge(session, run.outcomes(), defects);
            wrongTotal += wrongAnswers(session);
            table.add(String.format(Locale.ROOT, "  %-26s %9d %9d %13d %8.0f s   %s", session.module(),
                    session.exercises().size(), wrongAnswers(session),
                    run.outcomes().containsKey("stub") ? run.outcomes().get("stub").cases().size() : 0,
                    run.seconds(), defects.size() == before ? "✓" : "✗"));
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

    /** What one session's JVM did: outcomes by variant, its progress lines, what went wrong with the JVM itself. */
    record SessionRun(Map<String, SessionJvm.Outcome> outcomes, List<String> progress, List<String> defects,
            double seconds) {
    }

    /** Runs the solution, the stubs and every wrong answer of one session in one JVM. */
    private SessionRun runSession(SessionManifest session) throws IOException {
        long started = System.nanoTime();
        Path module = course.module(session);
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
        Path progress = module.resolve("target/course-verify/progress.txt");
        Files.createDirectories(progress.getParent());
        List<String> defects = new ArrayList<>();
        Map<String, SessionJvm.Outcome> outcomes = Map.of();
        try {
            outcomes = new SessionJvm(course).runBatch(session, plan, SESSION_TIMEOUT_MINUTES,
                    ProcessBuilder.Redirect.to(progress.toFile()));
        } catch (IOException | SessionJvm.TimeoutException e) {
            defects.add(session.number() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            defects.add(session.number() + ": interrupted");
        }
        return new SessionRun(outcomes, Files.exists(progress) ? Files.readAllLines(progress) : List.of(), defects,
                (System.nanoTime() - started) / 1e9);
    }

    private static SessionRun await(Future<SessionRun> run) {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Verifying a session failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Adds the session's defects; returns how many stub test cases failed as they must. */
    private long judge(SessionManifest session, Map<String, SessionJvm.Outcome> outcomes, List<String> defects) {
        String n = session.number();
        SessionJvm.Outcome solution = outcomes.get("solution");
        if (solution == null || solution.cases().isEmpty()) {
            defects.add(n + " solution: the exercise tests did not run");
        } else {
            solution.byClass().forEach((testClass, cases) -> cases.stream()
                    .filter(c -> c.outcome() != TestReports.Outcome.PASSED)
                    .forEach(c -> defects.add(n + " solution: " + testClass + "#" + c.name() + " "
                            + c.outcome().name().toLowerCase(Locale.ROOT) + ": " + c.problem())));
            session.exercises().stream().map(SessionManifest.Exercise::test)
                    .filter(t -> !solution.byClass().containsKey(t))
                    .forEach(t -> defects.add(n + " solution: " + t + " ran no test"));
        }
        SessionJvm.Outcome stub = outcomes.get("stub");
        long stubFailures = 0;
        if (stub == null) {
            defects.add(n + " stub: did not run");
        } else if (stub.compileError() != null) {
            defects.add(n + " stub: does not compile: " + stub.compileError());
        } else {
            stubFailures = stub.count(TestReports.Outcome.FAILED);
            stub.byClass().forEach((testClass, cases) -> cases.stream()
                    .filter(c -> c.outcome() != TestReports.Outcome.FAILED)
                    .forEach(c -> defects.add(n + " stub: " + testClass + "#" + c.name() + " "
                            + c.outcome().name().toLowerCase(Locale.ROOT) + " on the untouched stub")));
            out.printf("  stub: %d of %d exercise test cases fail, as they must%n", stubFailures,
                    stub.cases().size());
        }
        for (SessionManifest.Exercise exercise : session.exercises()) {
            for (SessionManifest.WrongAnswer wrong : exercise.wrong()) {
                String variant = exercise.id() + "/" + wrong.id();
                SessionJvm.Outcome outcome = outcomes.get(variant);
                if (outcome == null) {
                    defects.add(n + " " + variant + ": did not run");
                } else if (outcome.compileError() != null) {
                    defects.add(n + " " + variant + ": does not compile, so it proves nothing: "
                            + outcome.compileError());
                } else if (outcome.count(TestReports.Outcome.FAILED) == 0) {
                    defects.add(n + " " + variant + ": NOT CAUGHT, " + outcome.count(TestReports.Outcome.PASSED)
                            + " tests pass on it (" + wrong.why() + ")");
                } else {
                    String first = outcome.cases().stream().filter(c -> c.outcome() == TestReports.Outcome.FAILED)
                            .findFirst().map(c -> c.name() + ": " + c.problem()).orElse("");
                    out.printf("  ✓ %-44s caught by %s%n", variant, first.length() <= 110 ? first
                            : first.substring(0, 107) + "...");
                }
            }
        }
        return stubFailures;
    }
}
