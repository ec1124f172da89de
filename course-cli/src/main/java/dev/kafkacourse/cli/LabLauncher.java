package dev.kafkacourse.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./course lab NN NAME}: compiles the session (labs use the reference track, so a half-done exercise never
 * stops a lab) and runs the lab's {@code main} in its own JVM, with the environment (KAFKA_MODE, ...) passed on.
 */
final class LabLauncher {

    private final Course course;
    private final PrintStream out;

    LabLauncher(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    int run(SessionManifest session, String labName, List<String> args) {
        SessionManifest.Lab lab = session.lab(labName).orElseThrow(() -> new CourseCli.UsageException("No lab '"
                + labName + "' in session " + session.number() + ". Labs: "
                + session.labs().stream().map(l -> l.name() + " (" + l.about() + ")").toList()));
        Path log = course.root().resolve(".course/logs/build-" + session.number() + ".log");
        out.printf("Building %s ...%n", session.module());
        int exit = new Maven(course.root()).run(log, List.of("-q", "-pl", session.module(), "-am", "compile",
                "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt",
                "-Dmdep.includeScope=runtime", "-Dcourse.track=solution"));
        if (exit != 0) {
            out.println("✗ Build failed; see " + course.root().relativize(log));
            Maven.compileErrors(log).forEach(line -> out.println("    " + line));
            return CourseCli.FAILED;
        }
        Path module = course.module(session);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(module.resolve("target/classes") + java.io.File.pathSeparator + classpath(module));
        command.add(lab.main());
        command.addAll(args);
        try {
            return new ProcessBuilder(command).directory(course.root().toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the lab", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CourseCli.FAILED;
        }
    }

    private static String classpath(Path module) {
        try {
            return Files.readString(module.resolve("target/classpath.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The build wrote no classpath for " + module, e);
        }
    }
}
