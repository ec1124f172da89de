package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: the exactly-once stats job as a separate JVM, killed with SIGKILL at three points (between transactions,
 * after sending the outputs, after adding the offsets to the transaction) and restarted each time with the same
 * transactional id. The committed output equals the generator's exact counts: no event lost, none counted twice,
 * although the killed transactions left their records in the logs (a read_uncommitted reader counts them).
 */
public final class CrashRestartLab {

    static final List<String> CRASH_POINTS = List.of("after-commit:3", "after-send:2", "after-offsets:2");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(45);

    private CrashRestartLab() {
    }

    /** One incarnation of the job: where it was told to crash (null: run to the end) and how it ended. */
    record Incarnation(String crashAt, int exitCode, List<String> lines) {
    }

    /** What the lab observed. */
    record Result(int recordsSent, long malformedSent, List<Incarnation> incarnations,
            long uncommittedEventsSeenAtAfterSend, long committedEventsSeenAtAfterSend,
            SortedMap<String, CampaignStats> committed, SortedMap<String, CampaignStats> uncommitted,
            SortedMap<String, CampaignStats> expected, int deadLetters, long auditedRecords,
            Map<TopicPartition, Long> groupOffsets, Map<TopicPartition, Long> inputEnds) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        LabRunner.run("session17 crash-restart", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(17).impressions(impressions).campaigns(6)
                .malformedRate(0.01).build().generate();
        String input = kafka.createTopic("ad-events", 3);
        String stats = kafka.createTopic("ad-stats-1m", 3);
        String audit = kafka.createTopic("ad-stats-audit", 1);
        String dlq = kafka.createTopic("ad-events-dlq", 1);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, input, traffic.records());
        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        out.printf("Produced %d records to %s: %d events, %d malformed%n", traffic.records().size(), input,
                traffic.distinctEvents().size(), malformed);

        String group = kafka.groupId("ad-stats-eos");
        String transactionalId = kafka.groupId("ad-stats-eos-1");
        List<String> common = List.of("--input", input, "--stats", stats, "--audit", audit, "--dlq", dlq,
                "--group", group, "--transactional-id", transactionalId, "--max-poll-records", "40",
                "--transaction-timeout-ms", "30000");
        out.printf("Job: transactional.id=%s, group=%s, at most 40 records per transaction%n%n", transactionalId,
                group);

        List<Incarnation> incarnations = new ArrayList<>();
        long uncommittedAtSend = -1;
        long committedAtSend = -1;
        for (String crashAt : CRASH_POINTS) {
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--crash-at", crashAt));
            try (JobProcess job = JobProcess.start("job", kafka.commonConfig(), args, null)) {
                job.awaitLine("CRASH-POINT", STEP_TIMEOUT);
                if (crashAt.startsWith("after-send")) {
                    // The open transaction's records are in the log: only read_uncommitted sees them.
                    uncommittedAtSend = TopicReader.events(TopicReader.campaignTotals(kafka.commonConfig(), stats,
                            IsolationLevel.READ_UNCOMMITTED));
                    committedAtSend = TopicReader.events(TopicReader.campaignTotals(kafka.commonConfig(), stats,
                            IsolationLevel.READ_COMMITTED));
                    out.printf("  at the crash point: read_uncommitted sees %d counted events, read_committed %d%n",
                            uncommittedAtSend, committedAtSend);
                }
                int exit = job.kill();
                long commits = job.lines().stream().filter(line -> line.startsWith("COMMITTED")).count();
                out.printf("Run %d: crash at %-15s -> %d transaction(s) committed, then SIGKILL (pid %d, exit %d)%n",
                        incarnations.size() + 1, crashAt, commits, job.pid(), exit);
                out.println("       " + job.lines().get(0));
                incarnations.add(new Incarnation(crashAt, exit, job.lines()));
            }
        }
        List<String> args = new ArrayList<>(common);
        args.add("--exit-when-caught-up");
        try (JobProcess job = JobProcess.start("job", kafka.commonConfig(), args, null)) {
            int exit = job.awaitExit(STEP_TIMEOUT);
            out.printf("Run %d: no crash -> %s (exit %d)%n", incarnations.size() + 1,
                    job.lines().stream().filter(line -> line.startsWith("CAUGHT-UP")).findFirst().orElse("?"), exit);
            out.println("       " + job.lines().get(0));
            out.println();
            incarnations.add(new Incarnation(null, exit, job.lines()));
        }

        SortedMap<String, CampaignStats> committed = TopicReader.campaignTotals(kafka.commonConfig(), stats,
                IsolationLevel.READ_COMMITTED);
        SortedMap<String, CampaignStats> uncommitted = TopicReader.campaignTotals(kafka.commonConfig(), stats,
                IsolationLevel.READ_UNCOMMITTED);
        out.println("campaign  expected (imp/clk/spend)        read_committed   read_uncommitted");
        traffic.expectedStats().forEach((campaign, expected) -> out.printf("%-8s  %-30s  %-15s  %s%n", campaign,
                format(expected), format(committed.get(campaign)).equals(format(expected)) ? "exact"
                        : "DIFFERENT " + format(committed.get(campaign)), format(uncommitted.get(campaign))));

        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(kafka.commonConfig(), dlq,
                IsolationLevel.READ_COMMITTED);
        long audited = TopicReader.readAll(kafka.commonConfig(), audit, IsolationLevel.READ_COMMITTED).stream()
                .mapToLong(record -> AuditEntry.fromJson(record.value()).records()).sum();
        Map<TopicPartition, Long> groupOffsets = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetSpec> latest = groupOffsets.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = kafka.admin().listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        out.printf("%nDead-letter topic: %d records (malformed sent: %d)%n", deadLetters.size(), malformed);
        out.printf("Audit topic: committed transactions covered %d input records (sent: %d)%n", audited,
                traffic.records().size());
        out.printf("Group offsets %s = input end offsets %s: %s%n", sorted(groupOffsets), sorted(ends),
                groupOffsets.equals(ends));
        out.printf("read_committed totals equal the generator's: %s; read_uncommitted counted %d events for %d%n",
                committed.equals(traffic.expectedStats()), TopicReader.events(uncommitted),
                TopicReader.events(traffic.expectedStats()));
        return new Result(traffic.records().size(), malformed, incarnations, uncommittedAtSend, committedAtSend,
                committed, uncommitted, traffic.expectedStats(), deadLetters.size(), audited, groupOffsets, ends);
    }

    private static String sorted(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparingInt(TopicPartition::partition)))
                .map(e -> "p" + e.getKey().partition() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    static String format(CampaignStats stats) {
        return stats == null ? "-" : stats.impressions() + "/" + stats.clicks() + "/" + stats.spendMicros();
    }

}
