package dev.kafkacourse.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs variants of a session's exercise code (the learner's, the reference, a known-wrong answer) through
 * {@link VariantRunner} in a JVM of the session's own: one Maven build for the module's solution and tests (skipped
 * when nothing but exercise sources changed since the last one), then no Maven at all per variant.
 */
final class SessionJvm {

    static final String CLASSPATH_FILE = "target/course-test-classpath.txt";

    /** What one variant did: its test cases by test class, or why it could not run. */
    record Outcome(String variant, Map<String, List<TestReports.TestCase>> byClass, String compileError,
            long millis) {

        List<TestReports.TestCase> cases() {
            return byClass.values().stream().flatMap(List::stream).toList();
        }

        long count(TestReports.Outcome outcome) {
            return cases().stream().filter(c -> c.outcome() == outcome).count();
        }

        /** The report of one test class as {@code ./course check} shows it; empty when it did not run. */
        Optional<TestReports.ClassReport> report(String testClass) {
            List<TestReports.TestCase> cases = byClass.get(testClass);
            return cases == null ? Optional.empty() : Optional.of(new TestReports.ClassReport(testClass, cases));
        }
    }

    private final Course course;

    SessionJvm(Course course) {
        this.course = course;
    }

    /**
     * Compiles the sessions' reference solutions and tests and writes each module's test class path, unless every
     * module is fresh. Returns Maven's exit code (0 when nothing had to be built).
     */
    int build(List<SessionManifest> sessions, Path log) {
        if (sessions.stream().allMatch(this::fresh)) {
            return 0;
        }
        int exit = new Maven(course.root()).run(log, List.of("-q", "-pl",
                String.join(",", sessions.stream().map(SessionManifest::module).toList()), "-am", "test-compile",
                "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test",
                "-Dcourse.track=solution"));
        if (exit == 0) {
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            for (SessionManifest session : sessions) {
                try {
                    // build-classpath leaves an unchanged file alone: the stamp must say when the build ran.
                    Files.setLastModifiedTime(course.module(session).resolve(CLASSPATH_FILE), now);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return exit;
    }

    /**
     * {@link #build} for a command: on failure prints {@code headline}, the compiler's errors and where the log is,
     * and returns false.
     */
    boolean buildOrExplain(List<SessionManifest> sessions, String command, String headline, PrintStream out) {
        Path log = course.root().resolve(".course/logs/" + command + ".log");
        if (build(sessions, log) == 0) {
            return true;
        }
        out.println();
        out.println("✗ " + headline);
        Maven.compileErrors(log).forEach(line -> out.println("    " + line));
        out.println("  Full log: " + course.root().relativize(log));
        return false;
    }

    /**
     * Fresh: the module's test class path was written after every change to what the runner does not compile
     * itself (poms, the module's main, solution and test sources, course-support). Exercise sources do not count.
     */
    private boolean fresh(SessionManifest session) {
        Path module = course.module(session);
        Path stamp = module.resolve(CLASSPATH_FILE);
        if (!Files.exists(stamp) || !Files.exists(module.resolve("target/test-classes"))) {
            return false;
        }
        try {
            long built = Files.getLastModifiedTime(stamp).toMillis();
            List<Path> inputs = List.of(course.root().resolve("pom.xml"), module.resolve("pom.xml"),
                    module.resolve("src/main"), module.resolve("src/solution"), module.resolve("src/test"),
                    course.root().resolve("course-support/pom.xml"), course.root().resolve("course-support/src/main"));
            for (Path input : inputs) {
                if (Files.exists(input) && newest(input) > built) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long newest(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        }
    }

    /** Runs {@code plan} (lines from {@link VariantRunner#planLine}) in one JVM and returns outcomes by variant. */
    Map<String, Outcome> runBatch(SessionManifest session, List<String> plan, long timeoutMinutes)
            throws IOException, InterruptedException, TimeoutException {
        return runBatch(session, plan, timeoutMinutes, ProcessBuilder.Redirect.INHERIT);
    }

    /** The same, with the runner's progress lines sent to {@code progress} (a file, for sessions run side by side). */
    Map<String, Outcome> runBatch(SessionManifest session, List<String> plan, long timeoutMinutes,
            ProcessBuilder.Redirect progress) throws IOException, InterruptedException, TimeoutException {
        Path work = course.module(session).resolve("target/course-verify");
        Files.createDirectories(work);
        Path planFile = work.resolve("plan.tsv");
        Path resultFile = work.resolve("results.tsv");
        Files.write(planFile, plan, StandardCharsets.UTF_8);
        Files.deleteIfExists(resultFile);
        Process process = start(session, planFile.toString(), resultFile.toString())
                .redirectOutput(progress).start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new TimeoutException("stopped after " + timeoutMinutes + " minutes (a test that hangs?); its output: "
                    + course.root().relativize(testLog(session)));
        }
        if (process.exitValue() != 0) {
            throw new IOException("the test JVM failed (exit " + process.exitValue() + "); its output: "
                    + course.root().relativize(testLog(session)));
        }
        try (Stream<String> lines = Files.exists(resultFile) ? Files.lines(resultFile, StandardCharsets.UTF_8)
                : Stream.empty()) {
            return parse(lines.toList());
        }
    }

    /** A JVM that stays up and runs one variant per {@link Server#run} call: {@code ./course watch}. */
    Server serve(SessionManifest session) throws IOException {
        return new Server(start(session, "-").start());
    }

    Path testLog(SessionManifest session) {
        return course.module(session).resolve("target/course-verify/tests.log");
    }

    /** Thrown when a session's JVM ran past its time. */
    static final class TimeoutException extends Exception {
        TimeoutException(String message) {
            super(message);
        }
    }

    /** The session JVM of {@link #serve}; closing it ends the JVM, and so its broker. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final Writer commands;
        private final BufferedReader results;

        private Server(Process process) {
            this.process = process;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Outcome run(String planLine) throws IOException {
            String variant = planLine.substring(0, planLine.indexOf('\t'));
            commands.write(planLine + "\n");
            commands.flush();
            List<String> lines = new ArrayList<>();
            for (String line = results.readLine(); line != null; line = results.readLine()) {
                lines.add(line);
                if (line.startsWith("done\t" + variant + "\t")) {
                    return parse(lines).get(variant);
                }
            }
            throw new IOException("the test JVM ended" + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")"));
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private ProcessBuilder start(SessionManifest session, String... runnerArgs) throws IOException {
        Path module = course.module(session);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + module.resolve("target/tmp"),
                "-cp", classPath(module), VariantRunner.class.getName(), module.toString()));
        command.addAll(List.of(runnerArgs));
        return new ProcessBuilder(command).directory(module.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /**
     * The runner's class path: this command's classes and the JUnit launcher, then the module's test dependencies
     * (libraries and {@code course-support}), but not the module's own classes: each variant brings those.
     */
    private String classPath(Path module) throws IOException {
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

    static Map<String, Outcome> parse(List<String> lines) {
        Map<String, Map<String, List<TestReports.TestCase>>> tests = new LinkedHashMap<>();
        Map<String, String> compileErrors = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "test" -> {
                    String testClass = f[2].contains("#") ? f[2].substring(0, f[2].indexOf('#')) : f[2];
                    // @Nested classes count for the exercise test that holds them.
                    testClass = testClass.contains("$") ? testClass.substring(0, testClass.indexOf('$')) : testClass;
                    String name = f[2].substring(f[2].indexOf('#') + 1);
                    tests.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                            .computeIfAbsent(testClass, k -> new ArrayList<>())
                            .add(new TestReports.TestCase(name, TestReports.Outcome.valueOf(f[3]),
                                    f[3].equals("PASSED") ? null : f.length > 4 ? f[4] : ""));
                }
                case "compile-error" -> compileErrors.put(f[1], f[2]);
                case "done" -> millis.put(f[1], Long.parseLong(f[2]));
                default -> { }
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        millis.forEach((variant, ms) -> outcomes.put(variant, new Outcome(variant,
                tests.getOrDefault(variant, Map.of()), compileErrors.get(variant), ms)));
        return outcomes;
    }
}
