package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bench: what exactly-once costs. The same input is read by the stats job twice per round on the same broker:
 * once as {@link ExactlyOnceStatsJob} (a transaction per poll, offsets in the transaction, read_committed) and once
 * at-least-once (the same fold and sends, then flush and {@code commitSync}). Reports records/s of each and their
 * ratio; it asserts nothing: the figures depend on the machine, batch size and transaction frequency.
 *
 * <p>Args: number of impressions per run (default 20,000), or {@code quick} (2,000, one round).
 */
public final class EosCostBench {

    private EosCostBench() {
    }

    /** One measured run. */
    record Run(String mode, long records, long commits, double seconds) {
        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /** All runs and the ratio of the medians. */
    record Report(List<Run> runs, double eosRecordsPerSecond, double atLeastOnceRecordsPerSecond) {
        double ratio() {
            return eosRecordsPerSecond / atLeastOnceRecordsPerSecond;
        }
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("quick");
        int impressions = quick ? 2_000 : args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        LabRunner.run("session17 eos-cost", (kafka, out) -> run(kafka, out, impressions, quick ? 1 : 3));
    }

    static Report run(KafkaFixture kafka, PrintStream out, int impressions, int rounds) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1703).impressions(impressions).campaigns(20)
                .eventsPerSecond(10_000)   // event times stay within seconds of now, not minutes ahead
                .build().generate();
        String input = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, input, traffic.records());
        out.printf("Input: %,d records on %s (3 partitions); max.poll.records=500; %d round(s); timed from the "
                + "first commit on%n%n",
                traffic.records().size(), input, rounds);
        List<Run> runs = new ArrayList<>();
        if (rounds > 1) {
            // One untimed pair first: class loading and JIT would otherwise slow whichever mode runs first.
            exactlyOnce(kafka, input, kafka.createTopic("ad-stats-1m", 3));
            atLeastOnce(kafka, input, kafka.createTopic("ad-stats-1m", 3));
            out.println("(warm-up pair run, not reported)");
        }
        out.println("round  mode            records  commits  seconds    records/s");
        for (int round = 1; round <= rounds; round++) {
            // Alternate the order, so neither mode always gets the warmer JVM.
            List<String> order = round % 2 == 1 ? List.of("at-least-once", "exactly-once")
                    : List.of("exactly-once", "at-least-once");
            for (String mode : order) {
                String stats = kafka.createTopic("ad-stats-1m", 3);
                Run run = mode.equals("exactly-once") ? exactlyOnce(kafka, input, stats)
                        : atLeastOnce(kafka, input, stats);
                runs.add(run);
                out.printf("%5d  %-14s  %,7d  %7d  %7.2f  %,11.0f%n", round, mode, run.records(), run.commits(),
                        run.seconds(), run.recordsPerSecond());
            }
        }
        Report report = new Report(runs, median(runs, "exactly-once"), median(runs, "at-least-once"));
        out.printf("%nMedian records/s: exactly-once %,.0f, at-least-once %,.0f -> exactly-once runs at %.0f%% "
                + "of at-least-once%n", report.eosRecordsPerSecond(), report.atLeastOnceRecordsPerSecond(),
                100 * report.ratio());
        return report;
    }

    private static Run exactlyOnce(KafkaFixture kafka, String input, String stats) {
        try (ExactlyOnceStatsJob job = ExactlyOnceStatsJob.builder(kafka.commonConfig(), input, stats,
                kafka.groupId("bench-eos")).groupId(kafka.groupId("bench-eos")).maxPollRecords(500).build()) {
            // The clock starts after the first transaction: joining the group and the first fetch are not the cost
            // being compared.
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (job.processOnce(Duration.ofMillis(100)) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The exactly-once job read nothing from " + input);
                }
            }
            long start = System.nanoTime();
            long commitsBefore = job.transactionsCommitted();
            long records = job.runUntilCaughtUp(Duration.ofMinutes(5));
            return new Run("exactly-once", records, job.transactionsCommitted() - commitsBefore, seconds(start));
        }
    }

    /** The same fold and sends, committed the at-least-once way: flush the outputs, then commitSync the offsets. */
    private static Run atLeastOnce(KafkaFixture kafka, String input, String stats) {
        long start = 0;
        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumerConfig(kafka.groupId("bench-alo")));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        long records = 0;
        long commits = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producerConfig(),
                     new StringSerializer(), new StringSerializer())) {
            consumer.subscribe(List.of(input));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    if (caughtUp(consumer)) {
                        break;
                    }
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
                batch.forEach(list::add);
                SpringTransactionsLab.foldIntoWindows(list).values().forEach(window -> producer.send(
                        new ProducerRecord<>(stats, null, window.windowStart(), window.campaignId(), window.toJson())));
                producer.flush();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition partition : batch.partitions()) {
                    List<ConsumerRecord<String, byte[]>> of = batch.records(partition);
                    offsets.put(partition, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
                }
                consumer.commitSync(offsets);
                if (start == 0) {
                    start = System.nanoTime();   // as for exactly-once: the clock starts after the first commit
                    continue;
                }
                commits++;
                records += batch.count();
            }
        }
        return new Run("at-least-once", records, commits, seconds(start == 0 ? System.nanoTime() : start));
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer) {
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
        return assignment.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Run> runs, String mode) {
        double[] rates = runs.stream().filter(run -> run.mode().equals(mode)).mapToDouble(Run::recordsPerSecond)
                .sorted().toArray();
        return rates[rates.length / 2];
    }
}
