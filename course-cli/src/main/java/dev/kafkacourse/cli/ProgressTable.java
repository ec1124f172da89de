package dev.kafkacourse.cli;

import java.io.PrintStream;

/** {@code ./course list}: solved / total per session, from the latest checks. */
final class ProgressTable {

    private static final int BAR = 20;

    private final Course course;
    private final Progress progress;
    private final PrintStream out;

    ProgressTable(Course course, Progress progress, PrintStream out) {
        this.course = course;
        this.progress = progress;
        this.out = out;
    }

    int print() {
        out.println("Kafka ad-stats course: your progress (from your latest ./course check NN)");
        out.println();
        out.printf(" %-3s %-26s %-9s %-5s %s%n", "#", "module", "solved", "core", "");
        int solvedTotal = 0;
        int exerciseTotal = 0;
        for (SessionManifest session : course.sessions()) {
            int solved = 0;
            int checked = 0;
            for (SessionManifest.Exercise exercise : session.exercises()) {
                Boolean result = progress.solved(session, exercise.id());
                checked += result == null ? 0 : 1;
                solved += Boolean.TRUE.equals(result) ? 1 : 0;
            }
            int total = session.exercises().size();
            solvedTotal += solved;
            exerciseTotal += total;
            String core = session.exercises().stream().filter(SessionManifest.Exercise::core).findFirst()
                    .map(e -> Boolean.TRUE.equals(progress.solved(session, e.id())) ? "✓" : "·").orElse("");
            out.printf(" %-3s %-26s %-9s %-5s %s%n", session.number(), session.module(), solved + "/" + total, core,
                    checked == 0 ? "not checked yet: ./course check " + session.number() : bar(solved, total, 10));
        }
        out.println();
        int percent = exerciseTotal == 0 ? 0 : 100 * solvedTotal / exerciseTotal;
        out.printf(" Overall %d/%d exercises %s %d%%%n", solvedTotal, exerciseTotal, bar(solvedTotal, exerciseTotal, BAR),
                percent);
        out.println();
        out.println(" core: the session's core exercise (the hour's work; the others are stretch), ✓ when solved.");
        out.println(" Next: open docs/README.md, pick a session guide, then ./course watch NN (or check NN). Hints: "
                + "./course hint NN exercise");
        return CourseCli.OK;
    }

    static String bar(int done, int total, int width) {
        int filled = total == 0 ? 0 : Math.round((float) width * done / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
