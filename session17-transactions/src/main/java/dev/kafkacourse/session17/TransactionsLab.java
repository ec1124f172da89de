package dev.kafkacourse.session17;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: one transaction writes stats for six campaigns (spread over three partitions of {@code ad-stats-1m}) and an
 * audit record to a second topic. A committed, an aborted and an open ("hanging") transaction, then what
 * read_uncommitted and read_committed readers see, where the last stable offset (LSO) stands against the high
 * watermark, and how a hanging transaction holds back even records written after it by other producers, until
 * it ends.
 */
public final class TransactionsLab {

    static final int CAMPAIGNS = 6;

    private TransactionsLab() {
    }

    /** What one reader saw at one moment. */
    record View(int stats, int audit, Set<String> batches) {
    }

    /** Offsets of partition 0 at one moment. */
    record Ends(long highWatermark, long lastStable) {
    }

    /** What the lab observed. */
    record Result(View uncommittedWhileOpen, View committedWhileOpen, Ends endsWhileOpen, boolean lateRecordVisible,
            long groupPosition, View committedAfterCommit, Ends endsAfterCommit, boolean lateRecordVisibleAfter) {
    }

    public static void main(String[] args) {
        // A first commit to a new group may be retried once while the coordinator loads: not the lesson here.
        LabLogs.quiet(Map.of("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator", Level.ERROR));
        LabRunner.run("session17 transactions", TransactionsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        String stats = kafka.createTopic("ad-stats-1m", 3);
        String audit = kafka.createTopic("ad-stats-audit", 1);
        KafkaProducer<String, String> producer = kafka.producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.groupId("stats-writer")),
                new StringSerializer(), new StringSerializer());
        producer.initTransactions();

        writeBatch(producer, stats, audit, "A");
        producer.commitTransaction();
        out.println("Transaction A: 6 stats records over 3 partitions + 1 audit record -> commitTransaction()");
        writeBatch(producer, stats, audit, "B");
        producer.flush();   // without it, abort drops B's records before they ever reach the broker
        producer.abortTransaction();
        out.println("Transaction B: the same shape, sent and flushed               -> abortTransaction()");
        writeBatch(producer, stats, audit, "C");
        producer.flush();
        out.println("Transaction C: the same shape, sent and flushed               -> left open (hanging)");
        // Another producer, not transactional, writes to the same partition after C's records.
        Sends.all(kafka.stringProducer(), List.of(new ProducerRecord<>(stats, 0, "late", "plain record after C")));
        out.println("A plain producer writes one more record to partition 0, after C's records");
        out.println();

        View uncommitted = view(kafka, stats, audit, IsolationLevel.READ_UNCOMMITTED);
        View committed = view(kafka, stats, audit, IsolationLevel.READ_COMMITTED);
        out.printf("read_uncommitted sees %2d stats + %d audit records, from transactions %s%n", uncommitted.stats(),
                uncommitted.audit(), uncommitted.batches());
        out.printf("read_committed   sees %2d stats + %d audit records, from transactions %s%n", committed.stats(),
                committed.audit(), committed.batches());
        boolean lateVisible = lateRecordVisible(kafka, stats, IsolationLevel.READ_COMMITTED);
        out.printf("The plain record after C, for read_committed: %s%n",
                lateVisible ? "visible" : "held back (behind the open transaction)");

        Ends open = ends(kafka, stats);
        out.printf("%nPartition 0: high watermark %d, last stable offset %d%n", open.highWatermark(),
                open.lastStable());
        long position = readCommittedGroupPosition(kafka, stats);
        out.printf("A read_committed consumer of partition 0 reads everything it may and stops at offset %d (= LSO)%n",
                position);
        out.printf("  lag by the high watermark: %d (never 0 while C is open), by the LSO: %d%n%n",
                open.highWatermark() - position, open.lastStable() - position);

        producer.commitTransaction();
        out.println("Transaction C: commitTransaction()");
        View after = view(kafka, stats, audit, IsolationLevel.READ_COMMITTED);
        Ends closed = ends(kafka, stats);
        boolean lateAfter = lateRecordVisible(kafka, stats, IsolationLevel.READ_COMMITTED);
        out.printf("read_committed   sees %2d stats + %d audit records, from transactions %s; the plain record: %s%n",
                after.stats(), after.audit(), after.batches(), lateAfter ? "visible" : "held back");
        out.printf("Partition 0: high watermark %d, last stable offset %d%n", closed.highWatermark(),
                closed.lastStable());
        return new Result(uncommitted, committed, open, lateVisible, position, after, closed, lateAfter);
    }

    /** Stats for every campaign (they land in all three partitions) and one audit record, in the open transaction. */
    private static void writeBatch(KafkaProducer<String, String> producer, String stats, String audit, String batch) {
        producer.beginTransaction();
        long window = System.currentTimeMillis() / WindowStats.WINDOW_MS * WindowStats.WINDOW_MS;
        for (int i = 1; i <= CAMPAIGNS; i++) {
            String campaign = String.format(Locale.ROOT, "c-%03d", i);
            // Partition chosen by hand so every partition takes part in each transaction.
            producer.send(new ProducerRecord<>(stats, i % 3, campaign,
                    batch + ":" + new WindowStats(campaign, window, 10, 1, 5_000).toJson()));
        }
        producer.send(new ProducerRecord<>(audit, "stats-writer", batch + ":" + CAMPAIGNS + " windows"));
    }

    private static View view(KafkaFixture kafka, String stats, String audit, IsolationLevel isolation) {
        List<ConsumerRecord<String, String>> statsRecords = TopicReader.readAll(kafka.commonConfig(), stats, isolation)
                .stream().filter(r -> !r.key().equals("late")).toList();
        List<ConsumerRecord<String, String>> auditRecords = TopicReader.readAll(kafka.commonConfig(), audit,
                isolation);
        Set<String> batches = statsRecords.stream().map(r -> r.value().substring(0, 1))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        return new View(statsRecords.size(), auditRecords.size(), batches);
    }

    private static boolean lateRecordVisible(KafkaFixture kafka, String stats, IsolationLevel isolation) {
        return TopicReader.readAll(kafka.commonConfig(), stats, isolation).stream()
                .anyMatch(r -> r.key().equals("late"));
    }

    /** The end of partition 0 as a read_uncommitted and a read_committed consumer see it. */
    private static Ends ends(KafkaFixture kafka, String stats) {
        TopicPartition p0 = new TopicPartition(stats, 0);
        return new Ends(endOffset(kafka, p0, IsolationLevel.READ_UNCOMMITTED),
                endOffset(kafka, p0, IsolationLevel.READ_COMMITTED));
    }

    private static long endOffset(KafkaFixture kafka, TopicPartition partition, IsolationLevel isolation) {
        Map<String, Object> config = new HashMap<>(kafka.commonConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
        }
    }

    /** A read_committed consumer reads partition 0 as far as it can; returns its position. */
    private static long readCommittedGroupPosition(KafkaFixture kafka, String stats) {
        TopicPartition p0 = new TopicPartition(stats, 0);
        Map<String, Object> overrides = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = kafka.consumer(kafka.groupId("dashboard"), overrides,
                new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(p0));
        consumer.seekToBeginning(List.of(p0));
        long end = consumer.endOffsets(List.of(p0)).get(p0);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(p0) < end && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.commitSync();
        long position = consumer.position(p0);
        return position;
    }
}
