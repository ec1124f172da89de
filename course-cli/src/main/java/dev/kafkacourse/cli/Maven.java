package dev.kafkacourse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's Maven wrapper, its output going to a log file the learner can open. */
final class Maven {

    private final Path root;

    Maven(Path root) {
        this.root = root;
    }

    /** Runs {@code ./mvnw args} quietly; returns its exit code. */
    int run(Path log, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("mvnw").toString());
        command.add("-B");
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running Maven", e);
        }
    }

    /** Compiler errors from a Maven log, for a learner whose code does not compile. */
    static List<String> compileErrors(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(line -> line.startsWith("[ERROR]") && line.contains(".java:"))
                    .map(line -> line.replace("[ERROR] ", "").trim())
                    .distinct()
                    .limit(10)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
