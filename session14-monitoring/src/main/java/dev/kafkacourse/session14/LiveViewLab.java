package dev.kafkacourse.session14;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab 1: ad events flow for a while with their metrics on a Prometheus endpoint, and a table refreshed every second
 * shows throughput, p99 latency and lag three ways. In the middle third the consumer first slows down (Burrow
 * warns: the lag only grows), then stops (its own records-lag freezes, the group lag keeps climbing); after it
 * resumes everything drains back to zero. With {@code ./course monitoring up} running, the
 * same numbers appear in Prometheus (and Grafana's dashboard).
 */
public final class LiveViewLab {

    static final int PARTITIONS = 3;

    /** One refresh of the table. */
    record Row(int second, long producedPerSecond, long consumedPerSecond, double p99Millis, long groupLag,
            double recordsLagMax, String burrow) {
    }

    /** What the lab observed. */
    record Result(List<Row> rows, long sent, long consumed, long finalLag, String metricsUrl) {
    }

    private LiveViewLab() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        LabRunner.run("session14 live", (kafka, out) -> run(kafka, out, seconds, rate));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int seconds, int ratePerSecond) throws InterruptedException {
        MetricsEndpoint shared = MetricsEndpoint.shared().orElse(null);
        MetricsEndpoint endpoint = shared != null ? shared : MetricsEndpoint.start(0);
        endpoint.clientMetricsFromMicrometer();
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String group = kafka.groupId("ad-stats");
        List<Row> rows = new ArrayList<>();
        boolean console = System.console() != null && out == System.out;
        try (AdTraffic traffic = new AdTraffic(kafka, endpoint.registry(), topic, group);
                BurrowWindows burrow = new BurrowWindows(kafka.admin(), kafka.commonConfig(), group, 5)) {
            GroupLagGauges lag = new GroupLagGauges(kafka, group, endpoint.registry());
            // Burrow's collector runs on its own, reading each commit soon after it is written (so the lag stored
            // with a commit is the lag at that moment), like Burrow's consumer of __consumer_offsets.
            java.util.concurrent.ScheduledExecutorService collector =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "burrow-collector");
                        thread.setDaemon(true);
                        return thread;
                    });
            collector.scheduleWithFixedDelay(burrow::refresh, 0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
            traffic.awaitAssignment(java.time.Duration.ofSeconds(60));
            out.printf("Metrics: %s (Prometheus scrapes it; Micrometer's KafkaClientMetrics + %s + %s)%n",
                    endpoint.url(), AdTraffic.LATENCY, GroupLagGauges.NAME);
            out.printf("Topic %s (%d partitions), group %s, %,d events/s for %d s; the consumer reads 30%% of that"
                    + " from %d s, stops from %d s, and is back to full speed from %d s%n%n", topic, PARTITIONS, group,
                    ratePerSecond, seconds, seconds / 3 + 1, seconds / 2 + 1, 2 * seconds / 3 + 1);
            long lastSent = 0;
            long lastConsumed = 0;
            for (int second = 1; second <= seconds; second++) {
                if (second == seconds / 3 + 1) {
                    traffic.throttleConsumer(ratePerSecond * 3 / 10);
                }
                if (second == seconds / 2 + 1) {
                    traffic.pauseConsumer();
                }
                if (second == 2 * seconds / 3 + 1) {
                    traffic.resumeConsumer();
                }
                boolean draining = second == seconds;
                for (int slice = 0; slice < 10; slice++) {
                    if (!draining) {
                        traffic.produce(ratePerSecond / 10);
                    }
                    Thread.sleep(100); // a lab paces its traffic by the clock; tests never assert on timing
                }
                Row row = new Row(second, traffic.sent() - lastSent, traffic.consumed() - lastConsumed,
                        traffic.p99Millis(), lag.refresh(), traffic.recordsLagMax(),
                        BurrowView.status(burrow, System.currentTimeMillis()));
                lastSent = traffic.sent();
                lastConsumed = traffic.consumed();
                rows.add(row);
                print(out, rows, console);
            }
            // Let the consumer finish: the lag must come back to zero.
            long deadline = System.currentTimeMillis() + 30_000;
            while (traffic.consumed() < traffic.sent() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            collector.shutdownNow();
            long finalLag = lag.refresh();
            out.printf("%nSent %,d, consumed %,d; lag at the end: %d; p99 end-to-end latency %.1f ms%n",
                    traffic.sent(), traffic.consumed(), finalLag, traffic.p99Millis());
            return new Result(rows, traffic.sent(), traffic.consumed(), finalLag, endpoint.url());
        } finally {
            if (shared == null) {
                endpoint.close();
            }
        }
    }

    private static void print(PrintStream out, List<Row> rows, boolean console) {
        if (console) {
            out.print("\033[H\033[2J"); // a refreshing table on a terminal; plain appended rows elsewhere
            header(out);
            rows.subList(Math.max(0, rows.size() - 20), rows.size()).forEach(row -> line(out, row));
        } else {
            if (rows.size() == 1) {
                header(out);
            }
            line(out, rows.get(rows.size() - 1));
        }
        out.flush();
    }

    private static void header(PrintStream out) {
        out.printf("%4s %11s %11s %9s %10s %16s  %s%n", "s", "produced/s", "consumed/s", "p99 ms", "group lag",
                "records-lag-max", "Burrow");
    }

    private static void line(PrintStream out, Row row) {
        out.printf("%4d %11d %11d %9.1f %10d %16s  %s%n", row.second(), row.producedPerSecond(),
                row.consumedPerSecond(), row.p99Millis(), row.groupLag(),
                Double.isNaN(row.recordsLagMax()) ? "-" : String.format("%.0f", row.recordsLagMax()), row.burrow());
    }
}
