package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./course demo}: the whole pipeline on the course's cluster. Two instances (collector + exactly-once
 * stats + query API + dashboard each), a load generator posting seeded traffic over HTTP (with duplicates, late
 * and malformed events), a refreshing table in the terminal, and at the end (after {@code --duration} or Ctrl-C) a
 * reconciliation of what was counted against what was sent. Everything it started is stopped before it returns.
 *
 * <p>Options: {@code --duration 45s} (posting time), {@code --rate 400} (records/s), {@code --instances 2},
 * {@code --port 8080} (first instance; the next ones count up, a busy port is replaced by a free one).
 */
public final class PipelineDemo {

    record Options(Duration duration, double rate, int instances, int port) {
    }

    record Result(GeneratedEvents posted, ReconciliationReport report, long repeatedWindows, List<String> urls,
            LoadGenerator.Progress progress) {
    }

    private PipelineDemo() {
    }

    public static void main(String[] args) {
        Options options = parse(args);
        AtomicBoolean stop = new AtomicBoolean();
        onCtrlC(stop);
        LabRunner.run("session20 pipeline", (kafka, out) -> {
            Result result = run(kafka, out, options, stop);
            if (!result.report().exactlyOnce() || result.repeatedWindows() != 0) {
                // a non-zero exit, so that a script (CI's external-mode stage) sees "exactly once: no"
                throw new IllegalStateException("the reconciliation found a difference (table above)");
            }
        });
    }

    static Result run(KafkaFixture kafka, PrintStream out, Options options, AtomicBoolean stop) throws Exception {
        // Sized to be posted within 85% of the duration; a slower machine stops at the duration and reconciles what
        // it posted.
        int records = (int) (options.rate() * options.duration().toSeconds() * 0.85);
        GeneratedEvents traffic = Traffic.generate(20, records, 8, Duration.ofMinutes(10));
        out.printf("Traffic: %,d records (%,d duplicates, %,d late, %,d malformed) for %d campaigns, event times "
                        + "over the last 10 minutes, posted at %,.0f records/s%n", traffic.records().size(),
                traffic.count(GeneratedRecord.Kind.DUPLICATE), traffic.count(GeneratedRecord.Kind.LATE),
                traffic.count(GeneratedRecord.Kind.MALFORMED), traffic.expectedStats().size(), options.rate());
        try (PipelineRun run = PipelineRun.create(kafka, 4, AdStatsConfig.defaults())) {
            run.publishCampaigns(Traffic.campaigns(traffic));
            long start = System.nanoTime();
            for (int i = 0; i < options.instances(); i++) {
                run.startInstance(portOrFree(options.port() + i));
            }
            out.printf("%d pipeline instances up in %.1f s (application.id %s)%n", options.instances(),
                    (System.nanoTime() - start) / 1e9, run.settings().applicationId());
            out.printf("%nDashboard:   %s/%n", run.urls().get(0));
            out.printf("Query API:   %s/api/campaigns   %s/api/top?by=spend&n=3   %s/api/campaigns/c-001/stats%n",
                    run.urls().get(0), run.urls().get(0), run.urls().get(run.urls().size() - 1));
            out.printf("Metrics:     %s/actuator/prometheus%n", run.urls().get(0));
            out.printf("Collector:   curl -H 'Content-Type: application/x-ndjson' --data-binary @events.ndjson %s/events%n%n",
                    run.urls().get(0));

            LoadGenerator load = new LoadGenerator(run.urls());
            long deadline = System.nanoTime() + options.duration().toNanos();
            CompletableFuture<List<GeneratedRecord>> posting = CompletableFuture.supplyAsync(() -> load.post(
                    traffic.records(), 100, options.rate(), 4, () -> stop.get() || System.nanoTime() > deadline));
            TerminalTable table = new TerminalTable(out);
            List<GeneratedRecord> sent = waitWithTable(posting, run, load, table, traffic.records().size());
            GeneratedEvents posted = Traffic.posted(traffic, sent);
            out.printf("%nPosted %,d of %,d records%s. Waiting for the stats stage to commit everything ...%n",
                    sent.size(), traffic.records().size(), stop.get() ? " (stopped with Ctrl-C)" : "");
            ReconciliationReport report = run.reconcile(posted, Duration.ofSeconds(90));
            List<AdStats> finals = run.finalWindows();
            long repeated = PipelineRun.repeatedWindows(finals);
            print(out, report, finals.size(), repeated, load.progress());
            return new Result(posted, report, repeated, run.urls(), load.progress());
        }
    }

    private static List<GeneratedRecord> waitWithTable(CompletableFuture<List<GeneratedRecord>> posting, PipelineRun run, LoadGenerator load,
            TerminalTable table, int total) throws Exception {
        while (true) {
            try {
                return posting.get(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                try {
                    table.print(run.instances().get(0).snapshot(), load.progress(), total);
                } catch (RuntimeException rebalancing) {
                    // the next refresh will show it
                }
            }
        }
    }

    static void print(PrintStream out, ReconciliationReport report, int finalWindows, long repeatedWindows,
            LoadGenerator.Progress progress) {
        out.printf("%nReconciliation: generated (each distinct event once) vs counted by the pipeline%n");
        out.printf("%-8s %22s %22s %26s  %s%n", "campaign", "impressions gen/count", "clicks gen/count",
                "spend(µ) gen/count", "equal");
        for (ReconciliationReport.Row row : report.rows()) {
            CampaignStats want = row.expected();
            CampaignStats got = row.counted();
            out.printf("%-8s %10d / %-10d %10d / %-10d %12d / %-12d  %s%n", row.campaignId(), want.impressions(),
                    got.impressions(), want.clicks(), got.clicks(), want.spendMicros(), got.spendMicros(),
                    row.equal() ? "yes" : "NO");
        }
        out.printf("HTTP: %,d requests, %,d events accepted (202), %,d malformed lines refused (%,d requests got "
                        + "400), %,d answers 429, %,d 503/no answer (retried)%n", progress.requests(),
                progress.accepted(), progress.rejected(), progress.badRequests(), progress.busy(),
                progress.unavailable());
        out.printf("Dead-letter topic: %,d records for %,d malformed records generated%n", report.deadLettered(),
                report.malformedGenerated());
        out.printf("ad-stats-1m: %,d final windows so far, %d published twice%n", finalWindows, repeatedWindows);
        out.printf("%nexactly once: %s%n", report.exactlyOnce() && repeatedWindows == 0 ? "yes" : "no");
    }

    static Options parse(String[] args) {
        Duration duration = Duration.ofSeconds(45);
        double rate = 400;
        int instances = 2;
        int port = 8080;
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String value = i + 1 < list.size() ? list.get(i + 1) : null;
            switch (list.get(i)) {
                case "--duration" -> { duration = duration(value); i++; }
                case "--rate" -> { rate = Double.parseDouble(value); i++; }
                case "--instances" -> { instances = Integer.parseInt(value); i++; }
                case "--port" -> { port = Integer.parseInt(value); i++; }
                default -> throw new IllegalArgumentException("Unknown option " + list.get(i)
                        + "; options: --duration 45s|2m, --rate 400, --instances 2, --port 8080");
            }
        }
        return new Options(duration, rate, instances, port);
    }

    static Duration duration(String text) {
        if (text == null) {
            throw new IllegalArgumentException("--duration needs a value, e.g. --duration 45s or --duration 2m");
        }
        String t = text.strip().toLowerCase();
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    private static int portOrFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return port;
        } catch (java.io.IOException busy) {
            return PipelineInstance.freePort();
        }
    }

    /** Ctrl-C ends the posting early; the reconciliation still runs and everything is stopped. */
    private static void onCtrlC(AtomicBoolean stop) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (stop.getAndSet(true)) {
                    Runtime.getRuntime().halt(130);   // a second Ctrl-C: stop now
                }
                System.out.println("\nCtrl-C: stopping the load, then reconciling (Ctrl-C again to stop at once)");
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT on this platform: --duration ends the demo
        }
    }

    /** The refreshing table in the terminal. */
    static final class TerminalTable {
        private final PrintStream out;
        private int printedLines;
        private final boolean ansi = System.console() != null && System.getenv("TERM") != null
                && !"dumb".equals(System.getenv("TERM"));

        TerminalTable(PrintStream out) {
            this.out = out;
        }

        void print(Dashboard.Snapshot snapshot, LoadGenerator.Progress progress, int total) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("posted %,d / %,d records · %,d accepted · %,d refused (→ DLQ) · 429: %d · "
                            + "instances %s%n", progress.records(), total, progress.accepted(), progress.rejected(),
                    progress.busy(), snapshot.instances()));
            text.append(String.format("%-8s %12s %8s %7s %14s %8s%n", "campaign", "impressions", "clicks", "CTR",
                    "spend", "budget"));
            for (Dashboard.CampaignRow row : snapshot.campaigns()) {
                text.append(String.format("%-8s %,12d %,8d %6.2f%% %,14.2f %7.1f%%%n", row.campaignId(),
                        row.impressions(), row.clicks(), row.ctr() * 100, row.spendMicros() / 1e6,
                        row.budgetUsed() * 100));
            }
            if (ansi && printedLines > 0) {
                out.print("\033[" + printedLines + "F\033[J");   // back to the table's first line, clear below
            }
            out.print(text);
            printedLines = snapshot.campaigns().size() + 2;
            if (!ansi) {
                out.println();
            }
        }
    }
}
