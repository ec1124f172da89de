package dev.kafkacourse.session20;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session19.AdStatsConfig;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Failures in the middle of a run, on a 3-broker cluster: a broker stopped and started again, and a pipeline
 * instance (a process of its own) killed with SIGKILL and started again. Either way the final counts equal the
 * generator's exactly: 0 lost, 0 counted twice, every malformed record dead-lettered once. Runs in the build's
 * integration-test phase (tag "failure"): about 40 s on its own 3-broker cluster, after the module's quick tests.
 */
@KafkaTest(brokers = 3, needsBrokerControl = true)
@Tag("failure")
class PipelineFailureIT {

    private static final Duration DRAIN = Duration.ofSeconds(180);

    private static CompletableFuture<List<GeneratedRecord>> postInBackground(LoadGenerator load,
            GeneratedEvents traffic) {
        return CompletableFuture.supplyAsync(() -> load.post(traffic.records(), 50, 250, 2, () -> false));
    }

    private static void awaitPosted(LoadGenerator load, long records, CompletableFuture<?> posting) {
        while (load.progress().records() < records && !posting.isDone()) {
            PipelineRun.pause(50);
        }
    }

    @Test
    void aBrokerStoppedAndStartedMidRunLosesAndDuplicatesNothing(KafkaFixture kafka, KafkaCluster cluster)
            throws Exception {
        GeneratedEvents traffic = Traffic.generate(3001, 3_000, 6, Duration.ofMinutes(8));
        try (PipelineRun run = PipelineRun.create(kafka, 4, AdStatsConfig.defaults())) {
            run.publishCampaigns(Traffic.campaigns(traffic));
            run.startInstance(0);
            LoadGenerator load = new LoadGenerator(run.urls());
            CompletableFuture<List<GeneratedRecord>> posting = postInBackground(load, traffic);

            awaitPosted(load, traffic.records().size() / 3, posting);
            cluster.stopBroker(1);
            awaitPosted(load, 2L * traffic.records().size() / 3, posting);
            cluster.startBroker(1);
            assertThat(posting.get(5, TimeUnit.MINUTES)).hasSameSizeAs(traffic.records());

            ReconciliationReport report = run.reconcile(traffic, DRAIN);
            assertThat(report.rows()).allSatisfy(row -> assertThat(row.counted()).as(row.campaignId())
                    .isEqualTo(row.expected()));
            assertThat(report.deadLettered()).isEqualTo(traffic.count(GeneratedRecord.Kind.MALFORMED));
            assertThat(report.exactlyOnce()).isTrue();
            assertThat(PipelineRun.repeatedWindows(run.finalWindows())).isZero();
        }
    }

    @Test
    void anInstanceKilledWithSigkillAndStartedAgainLosesAndDuplicatesNothing(KafkaFixture kafka) throws Exception {
        GeneratedEvents traffic = Traffic.generate(3002, 3_000, 6, Duration.ofMinutes(8));
        try (PipelineRun run = PipelineRun.create(kafka, 4, AdStatsConfig.defaults())) {
            run.publishCampaigns(Traffic.campaigns(traffic));
            run.startInstance(0);
            int port = PipelineInstance.freePort();
            Process other = startProcess(run, kafka, port);
            try {
                List<String> urls = new ArrayList<>(run.urls());
                urls.add("http://localhost:" + port);
                LoadGenerator load = new LoadGenerator(urls);
                CompletableFuture<List<GeneratedRecord>> posting = postInBackground(load, traffic);

                awaitPosted(load, traffic.records().size() / 3, posting);
                other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no close, no commit, no flush
                assertThat(other.isAlive()).isFalse();
                awaitPosted(load, 2L * traffic.records().size() / 3, posting);
                other = startProcess(run, kafka, port);
                assertThat(posting.get(5, TimeUnit.MINUTES)).hasSameSizeAs(traffic.records());

                ReconciliationReport report = run.reconcile(traffic, DRAIN);
                assertThat(report.rows()).allSatisfy(row -> assertThat(row.counted()).as(row.campaignId())
                        .isEqualTo(row.expected()));
                assertThat(report.deadLettered()).isEqualTo(traffic.count(GeneratedRecord.Kind.MALFORMED));
                assertThat(report.exactlyOnce()).isTrue();
                assertThat(PipelineRun.repeatedWindows(run.finalWindows())).isZero();
            } finally {
                other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The same pipeline (same application id and topics) in a JVM of its own; returns once it serves requests. */
    private static Process startProcess(PipelineRun run, KafkaFixture kafka, int port) throws Exception {
        PipelineSettings s = run.settings();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), PipelineServer.class.getName(),
                "--bootstrap", kafka.bootstrapServers(), "--input", s.stats().inputTopic(),
                "--stats", s.stats().statsTopic(), "--dlq", s.stats().deadLetterTopic(),
                "--campaigns", s.campaignsTopic(), "--app-id", s.applicationId(), "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "pipeline-process-output");
                        drain.setDaemon(true);
                        drain.start();
                        return line;
                    }
                }
            } catch (java.io.IOException e) {
                // the process died: reported below
            }
            return null;
        });
        String line = ready.get(3, TimeUnit.MINUTES);
        assertThat(line).as("the pipeline process started (it printed READY)").isNotNull();
        return process;
    }
}
