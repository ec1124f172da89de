package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs inside one JVM per session: compiles each variant of the session's exercise code (the learner's stubs, a
 * known-wrong answer, ...) and runs its exercise tests against it, all against one Kafka broker that the fixture
 * starts once for the whole JVM. This is what makes checking dozens of variants cheap: no Maven build and no broker
 * start per variant.
 *
 * <p>Each variant gets a class loader of its own holding the variant's classes first, then the module's main and
 * test classes; libraries, {@code course-support} and so the shared broker live in the parent (this JVM's class
 * path), which is why the module's own output must not be on it.
 *
 * <p>Input (the plan file), one variant a line, tab-separated: name, source root to compile (or {@code -} for
 * none: the module's compiled solution as it is), comma-separated test classes. Output (the result file), one line
 * per event, tab-separated: {@code compile-error name message}, {@code test name class#method outcome message},
 * {@code done name millis}. Progress goes to standard output; the tests' own output to a log file.
 */
public final class VariantRunner {

    /** A test that hangs (a wrong answer waiting forever) fails after this instead of stopping the whole run. */
    static final String TEST_TIMEOUT = "120 s";

    record Variant(String name, Path sources, List<String> testClasses) {
    }

    private final Path module;
    private final Writer results;
    private final PrintStream progress;
    private final PrintStream testOutput;

    private VariantRunner(Path module, Writer results, PrintStream progress, PrintStream testOutput) {
        this.module = module;
        this.results = results;
        this.progress = progress;
        this.testOutput = testOutput;
    }

    /**
     * {@code VariantRunner MODULE_DIR PLAN_FILE RESULT_FILE}: runs the plan, then exits.
     * {@code VariantRunner MODULE_DIR -}: serves {@code ./course watch}: reads plan lines from standard input, one
     * at a time, and writes each variant's result lines to standard output as they come (the last one
     * {@code done}); it keeps its broker warm in between and exits when standard input closes (the CLI ended).
     */
    public static void main(String[] args) throws IOException {
        Path module = Path.of(args[0]);
        boolean serve = args[1].equals("-");
        Path log = module.resolve("target/course-verify/tests.log");
        Files.createDirectories(log.getParent());
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        PrintStream console = System.out;
        try (PrintStream testOutput = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
                Writer results = serve ? new java.io.OutputStreamWriter(console, StandardCharsets.UTF_8)
                        : Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            // The tests' logs and prints go to the log file; this JVM's own lines stay readable on the console.
            System.setOut(testOutput);
            System.setErr(testOutput);
            VariantRunner runner = new VariantRunner(module, results,
                    serve ? new PrintStream(OutputStream.nullOutputStream()) : console, testOutput);
            if (serve) {
                java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        runner.run(parse(line));
                    }
                }
            } else {
                for (Variant variant : readPlan(Path.of(args[1]))) {
                    runner.run(variant);
                }
            }
        } finally {
            System.setOut(console);
        }
        // Leftover client threads of a wrong answer must not keep this JVM alive.
        System.exit(0);
    }

    static List<Variant> readPlan(Path plan) throws IOException {
        return Files.readAllLines(plan, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(VariantRunner::parse).toList();
    }

    private static Variant parse(String line) {
        String[] fields = line.split("\t");
        return new Variant(fields[0], fields[1].equals("-") ? null : Path.of(fields[1]), List.of(fields[2].split(",")));
    }

    /** One plan line for {@link #readPlan}. */
    static String planLine(String name, Path sources, List<String> testClasses) {
        return name + "\t" + (sources == null ? "-" : sources.toString()) + "\t" + String.join(",", testClasses);
    }

    private void run(Variant variant) throws IOException {
        long started = System.nanoTime();
        testOutput.println("===== variant " + variant.name() + " =====");
        List<URL> urls = new ArrayList<>();
        if (variant.sources() != null) {
            Path classes = module.resolve("target/course-verify/" + variant.name().replaceAll("[^A-Za-z0-9._-]", "_"));
            String problem = compile(variant.sources(), classes);
            if (problem != null) {
                write("compile-error", variant.name(), problem);
                write("done", variant.name(), Long.toString(millisSince(started)));
                progress.printf("    %-48s does not compile%n", variant.name());
                return;
            }
            urls.add(classes.toUri().toURL());
        }
        urls.add(module.resolve("target/classes").toUri().toURL());
        urls.add(module.resolve("target/test-classes").toUri().toURL());
        int[] counts = new int[2];
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                VariantRunner.class.getClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                        .configurationParameter("junit.jupiter.execution.timeout.default", TEST_TIMEOUT);
                for (String testClass : variant.testClasses()) {
                    request.selectors(DiscoverySelectors.selectClass(loader.loadClass(testClass)));
                }
                Launcher launcher = LauncherFactory.create();
                launcher.execute(request.build(), new Recorder(variant.name(), counts));
            } catch (ClassNotFoundException e) {
                write("compile-error", variant.name(), "test class not found: " + e.getMessage());
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        long millis = millisSince(started);
        write("done", variant.name(), Long.toString(millis));
        progress.printf(Locale.ROOT, "    %-48s %d passed, %d failed (%.1f s)%n", variant.name(), counts[0],
                counts[1], millis / 1000.0);
    }

    /** Compiles every source file below {@code sources} into {@code classes}; returns the errors, or null. */
    private String compile(Path sources, Path classes) throws IOException {
        deleteTree(classes);
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        if (files.isEmpty()) {
            return "no Java source files below " + sources;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = module.resolve("target/classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fileManager, diagnostics,
                    List.of("--release", "17", "-proc:none", "-g", "-nowarn", "-encoding", "UTF-8",
                            "-cp", classPath, "-d", classes.toString()),
                    null, fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (ok) {
                return null;
            }
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).limit(3)
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                        + d.getLineNumber() + ": ") + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .reduce((a, b) -> a + " | " + b).orElse("compilation failed");
    }

    private final class Recorder implements TestExecutionListener {
        private final String variant;
        private final int[] counts;

        Recorder(String variant, int[] counts) {
            this.variant = variant;
            this.counts = counts;
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                record(test, "SKIPPED", reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                counts[passed ? 0 : 1]++;
                record(test, passed ? "PASSED" : result.getStatus() == TestExecutionResult.Status.ABORTED
                        ? "SKIPPED" : "FAILED", result.getThrowable().map(VariantRunner::describe).orElse(""));
            } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                // A failing @BeforeAll or class-level extension fails every test of the class without running them.
                counts[1]++;
                String where = test.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                        .map(c -> c.getClassName() + "#(set-up)").orElse(test.getDisplayName());
                write("test", variant, where, "FAILED", result.getThrowable().map(VariantRunner::describe).orElse(""));
            }
        }

        private void record(TestIdentifier test, String outcome, String message) {
            String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> m.getClassName() + "#" + m.getMethodName()).orElse(test.getDisplayName());
            if (!test.getDisplayName().startsWith(name.substring(name.indexOf('#') + 1) + "(")) {
                name += " " + test.getDisplayName();   // a parameterized or repeated invocation
            }
            write("test", variant, name, outcome, message);
        }
    }

    static String describe(Throwable failure) {
        return TestReports.oneLine(failure.getClass().getName(), failure.getMessage());
    }


    private synchronized void write(String... fields) {
        try {
            results.write(String.join("\t", Stream.of(fields).map(f -> f.replace('\t', ' ').replace('\n', ' ')
                    .replace('\r', ' ')).toList()));
            results.write('\n');
            results.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
