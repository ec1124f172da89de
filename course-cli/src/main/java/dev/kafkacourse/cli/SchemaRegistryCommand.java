package dev.kafkacourse.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./course registry up|status|down}: session 10's registry launcher (Apicurio Registry as a local process),
 * run as session 10's {@code registry} lab, so its heavy dependencies stay in that module.
 */
final class SchemaRegistryCommand {

    private final Course course;
    private final PrintStream out;

    SchemaRegistryCommand(Course course, PrintStream out) {
        this.course = course;
        this.out = out;
    }

    int run(List<String> args) {
        SessionManifest session = course.session("10").orElseThrow(() -> new CourseCli.UsageException(
                "Session 10 (serialization) is not in this course; it carries the registry launcher."));
        return new LabLauncher(course, out).run(session, "registry", args.isEmpty() ? List.of("status") : args);
    }
}
