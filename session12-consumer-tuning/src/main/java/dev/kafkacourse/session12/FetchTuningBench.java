package dev.kafkacourse.session12;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bench: what the fetch settings do, measured, next to Kafka's own {@code ConsumerPerformance} on the same topic in
 * the same run.
 *
 * <ol>
 *   <li>Catch-up: a backlog of ad events read from the beginning with each setting: records/s, MB/s and, from the
 *       consumer's own metrics, fetch requests, {@code fetch-latency-avg}, {@code fetch-size-avg} and
 *       {@code records-per-request-avg}. Then {@code ConsumerPerformance} (its own JVM) on the same topic with the
 *       default and one tuned setting.</li>
 *   <li>Tail: a producer sends a trickle (about 1,000 records/s) while the consumer keeps up: fetch requests per
 *       second and the end-to-end latency (receive time minus the record's create time) for
 *       {@code fetch.min.bytes} × {@code fetch.max.wait.ms}. Bigger fetches mean fewer requests but records wait
 *       up to {@code fetch.max.wait.ms} on the broker.</li>
 * </ol>
 * Args: {@code quick} (seconds, for tests) or the number of backlog records (default 300,000).
 */
public final class FetchTuningBench {

    /** A named set of consumer settings. */
    record Setting(String name, Map<String, Object> config) {
    }

    record CatchUp(Setting setting, long records, long millis, double megabytes, double fetchRequests,
            double fetchLatencyAvg, double fetchSizeAvg, double recordsPerRequest) {
        double recordsPerSecond() {
            return records * 1000.0 / Math.max(1, millis);
        }

        double megabytesPerSecond() {
            return megabytes * 1000.0 / Math.max(1, millis);
        }
    }

    record Tail(Setting setting, long records, double fetchRequestsPerSecond, double p50Millis, double p99Millis) {
    }

    /** The tool's figures: in this JVM always; in its own JVM (default and tuned) only in the full bench. */
    record Result(long backlog, List<CatchUp> catchUps, KafkaConsumerPerformance.Figures toolInThisJvm,
            KafkaConsumerPerformance.Figures toolDefault,
            KafkaConsumerPerformance.Figures toolTuned, List<Tail> tails) {
    }

    static final Setting DEFAULT = new Setting("default (1 B / 500 ms / 1 MiB)", Map.of());
    static final Setting MIN_64K = new Setting("fetch.min.bytes=64 KiB", Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024));
    static final Setting MIN_1M_WAIT_100 = new Setting("fetch.min.bytes=1 MiB, fetch.max.wait.ms=100", Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100));
    static final Setting PARTITION_64K = new Setting("max.partition.fetch.bytes=64 KiB", Map.of(
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024));
    static final Setting PARTITION_4M = new Setting("max.partition.fetch.bytes=4 MiB", Map.of(
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));

    static final List<Setting> CATCH_UP_SETTINGS = List.of(DEFAULT, MIN_64K, MIN_1M_WAIT_100, PARTITION_64K,
            PARTITION_4M);
    static final List<Setting> TAIL_SETTINGS = List.of(DEFAULT,
            new Setting("fetch.min.bytes=64 KiB, fetch.max.wait.ms=500", MIN_64K.config()),
            new Setting("fetch.min.bytes=64 KiB, fetch.max.wait.ms=100", Map.of(
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)));

    static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private FetchTuningBench() {
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("quick");
        int backlog = quick ? 20_000 : args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        LabRunner.run("session12 fetch-bench", (kafka, out) -> run(kafka, out, backlog, quick ? 1_500 : 5_000, false));
    }

    /**
     * The full bench: {@code ConsumerPerformance} in this JVM and in JVMs of its own, with the default and the tuned
     * setting. The quick check ({@code quick=true}, for tests) runs it only in this JVM.
     */
    static Result run(KafkaFixture kafka, PrintStream out, int backlog, int tailMillis, boolean quick) {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        double megabytes = fillBacklog(kafka, topic, backlog);
        out.printf("Backlog: %,d ad events (%.1f MB of JSON) in %s (%d partitions)%n%n", backlog, megabytes, topic,
                PARTITIONS);

        catchUp(kafka, topic, DEFAULT, backlog); // warm-up: class loading and JIT, not measured
        List<CatchUp> catchUps = new ArrayList<>();
        for (Setting setting : CATCH_UP_SETTINGS) {
            catchUps.add(catchUp(kafka, topic, setting, backlog));
        }
        // The tool in this (warm) JVM, and, in the full bench, in a JVM of its own as the script runs it.
        KafkaConsumerPerformance.Figures toolInThisJvm = KafkaConsumerPerformance.runInThisJvm(
                kafka.bootstrapServers(), kafka.commonConfig(), topic, backlog, kafka.groupId("perf-warm"),
                DEFAULT.config());
        KafkaConsumerPerformance.Figures toolDefault = quick ? null : KafkaConsumerPerformance.run(
                kafka.bootstrapServers(), kafka.commonConfig(), topic, backlog, kafka.groupId("perf-default"),
                DEFAULT.config());
        KafkaConsumerPerformance.Figures toolTuned = quick ? null : KafkaConsumerPerformance.run(
                kafka.bootstrapServers(), kafka.commonConfig(), topic, backlog, kafka.groupId("perf-tuned"),
                PARTITION_4M.config());

        out.println("Catch-up read of the backlog (the course's bench, in this JVM):");
        out.println("setting                                         records/s     MB/s   fetches  fetch-latency-avg  "
                + "fetch-size-avg  records/request");
        for (CatchUp c : catchUps) {
            out.printf("%-46s %10.0f  %7.1f  %8.0f  %14.1f ms  %11.0f B  %15.0f%n", c.setting().name(),
                    c.recordsPerSecond(), c.megabytesPerSecond(), c.fetchRequests(), c.fetchLatencyAvg(),
                    c.fetchSizeAvg(), c.recordsPerRequest());
        }
        out.println();
        out.println("Kafka's own ConsumerPerformance (kafka-consumer-perf-test.sh), same topic, same run:");
        out.println("setting                                         where          fetch.nMsg.sec  fetch.MB.sec  "
                + "course/tool");
        printTool(out, DEFAULT, "this JVM", toolInThisJvm, catchUps.get(0));
        List<String> raw = new ArrayList<>(List.of(toolInThisJvm.line()));
        if (toolDefault != null) {
            printTool(out, DEFAULT, "own JVM", toolDefault, catchUps.get(0));
            printTool(out, PARTITION_4M, "own JVM", toolTuned,
                    catchUps.get(CATCH_UP_SETTINGS.indexOf(PARTITION_4M)));
            raw.addAll(List.of(toolDefault.line(), toolTuned.line()));
        }
        out.printf("  (its raw lines: %s)%n%n", String.join(" | ", raw));

        List<Tail> tails = new ArrayList<>();
        for (Setting setting : TAIL_SETTINGS) {
            tails.add(tail(kafka, setting, tailMillis));
        }
        out.printf("Tail read: a producer sends ~1,000 records/s for %.1f s while the consumer keeps up:%n",
                tailMillis / 1000.0);
        out.println("setting                                         records  fetches/s  end-to-end p50  p99");
        for (Tail t : tails) {
            out.printf("%-46s %8d  %9.1f  %11.0f ms  %5.0f ms%n", t.setting().name(), t.records(),
                    t.fetchRequestsPerSecond(), t.p50Millis(), t.p99Millis());
        }
        return new Result(backlog, catchUps, toolInThisJvm, toolDefault, toolTuned, tails);
    }

    private static void printTool(PrintStream out, Setting setting, String where,
            KafkaConsumerPerformance.Figures tool, CatchUp course) {
        out.printf("%-46s %-13s %15.0f  %12.1f  %11.2f%n", setting.name(), where, tool.fetchRecordsPerSecond(),
                tool.fetchMegabytesPerSecond(), course.recordsPerSecond() / tool.fetchRecordsPerSecond());
    }

    /** Sends {@code count} ad events quickly (batched producer); returns their size in MB. */
    private static double fillBacklog(KafkaFixture kafka, String topic, int count) {
        KafkaProducer<String, byte[]> producer = kafka.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer());
        long bytes = 0;
        int sent = 0;
        int seed = 0;
        while (sent < count) {
            GeneratedEvents chunk = AdEventGenerator.builder().seed(1215 + seed++).impressions(Math.min(10_000, count)).campaigns(32)
                    .eventsPerSecond(10_000).duplicateRate(0).malformedRate(0).build().generate();
            for (var record : chunk.records()) {
                if (sent == count) {
                    break;
                }
                producer.send(AdEventRecords.toRecord(topic, record));
                bytes += record.value().length;
                sent++;
            }
        }
        producer.flush();
        return bytes / 1_000_000.0;
    }

    private static CatchUp catchUp(KafkaFixture kafka, String topic, Setting setting, long records) {
        try (KafkaConsumer<String, byte[]> consumer = Traffic.consumer(kafka, kafka.groupId("fetch"),
                setting.config())) {
            // assign, not subscribe: no group join in the way; reading starts at the beginning (auto.offset.reset).
            consumer.assign(partitions(topic));
            long received = 0;
            long bytes = 0;
            // Start the clock once the start offsets are known, before the first fetch: like ConsumerPerformance's
            // fetch.* figures, which leave out only the group join.
            consumer.assignment().forEach(consumer::position);
            long start = System.nanoTime();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (received < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(setting.name() + ": read " + received + " of " + records);
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> record : batch) {
                    received++;
                    bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            var metrics = consumer.metrics();
            return new CatchUp(setting, received, millis, bytes / 1_000_000.0,
                    ClientMetrics.clientWide(metrics, ClientMetrics.FETCH_MANAGER, "fetch-total"),
                    ClientMetrics.clientWide(metrics, ClientMetrics.FETCH_MANAGER, "fetch-latency-avg"),
                    ClientMetrics.clientWide(metrics, ClientMetrics.FETCH_MANAGER, "fetch-size-avg"),
                    ClientMetrics.clientWide(metrics, ClientMetrics.FETCH_MANAGER, "records-per-request-avg"));
        }
    }

    /** A trickle producer on a fresh topic and a consumer at its end: fetch rate and end-to-end latency. */
    private static Tail tail(KafkaFixture kafka, Setting setting, int millis) {
        String topic = kafka.createTopic("ad-events-tail", PARTITIONS);
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1216).impressions(Math.max(100, millis)).campaigns(32)
                .eventsPerSecond(10_000).duplicateRate(0).malformedRate(0).build().generate();
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        try (KafkaConsumer<String, byte[]> consumer = Traffic.consumer(kafka, kafka.groupId("tail"),
                setting.config())) {
            consumer.assign(partitions(topic));
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position); // resolve the end offsets before the clock starts
            double fetchesBefore = ClientMetrics.clientWide(consumer.metrics(), ClientMetrics.FETCH_MANAGER,
                    "fetch-total");
            List<Long> latencies = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + millis * 1_000_000L;
            int next = 0;
            List<ProducerRecord<String, byte[]>> records = traffic.records().stream()
                    .map(r -> AdEventRecords.toRecord(topic, r)).toList();
            while (System.nanoTime() < end) {
                // About one record per millisecond, sent in the gaps between polls.
                long due = (System.nanoTime() - start) / 1_000_000;
                while (next < due && next < records.size()) {
                    producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(),
                            records.get(next).key(), records.get(next).value()));
                    next++;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    latencies.add(System.currentTimeMillis() - record.timestamp());
                }
            }
            producer.flush();
            long drainUntil = System.nanoTime() + 1_000_000_000L;
            while (latencies.size() < next && System.nanoTime() < drainUntil) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    latencies.add(System.currentTimeMillis() - record.timestamp());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double fetches = ClientMetrics.clientWide(consumer.metrics(), ClientMetrics.FETCH_MANAGER, "fetch-total")
                    - fetchesBefore;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Tail(setting, sorted.length, fetches / seconds, percentile(sorted, 0.50),
                    percentile(sorted, 0.99));
        }
    }

    private static List<org.apache.kafka.common.TopicPartition> partitions(String topic) {
        List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new org.apache.kafka.common.TopicPartition(topic, p));
        }
        return partitions;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

}
