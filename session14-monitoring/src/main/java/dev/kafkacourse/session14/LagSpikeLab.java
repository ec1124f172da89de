package dev.kafkacourse.session14;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.metrics.MetricsEndpoint;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Lab 2: a lag spike seen three ways, step by step. A consumer keeps up, then for three steps reads 50 records per
 * partition while 200 arrive, then catches up 300 per step. After every step the lag is read (1) from outside with the Admin client
 * (your {@code CommittedLag}, exercise 2) next to Kafka's own {@code kafka-consumer-groups --describe}, (2) from
 * the consumer's own {@code metrics()} ({@code records-lag}), (3) by Burrow's rules over the group's commits
 * (your {@code BurrowEvaluator}, exercise 1).
 */
public final class LagSpikeLab {

    static final int PARTITIONS = 3;
    /** Burrow's window: the last 3 commits of each partition. */
    static final int WINDOW = 3;
    static final int SPIKES = 3;

    /** One step of the lab. */
    record Step(String name, long endOffsets, long committed, String adminLag, long toolLag, double recordsLag,
            String burrow) {
    }

    /** What the lab observed. */
    record Result(List<Step> steps) {
        Step peak() {
            return steps.stream().max(java.util.Comparator.comparingLong(Step::toolLag)).orElseThrow();
        }

        Step last() {
            return steps.get(steps.size() - 1);
        }
    }

    private LagSpikeLab() {
    }

    public static void main(String[] args) {
        LabRunner.run("session14 lag-spike", LagSpikeLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String group = kafka.groupId("ad-stats");
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        Optional<String> commandConfig = CommandConfig.file(kafka);
        List<Step> steps = new ArrayList<>();
        try (KafkaProducer<String, String> producer = kafka.stringProducer();
                KafkaConsumer<String, String> consumer = kafka.consumer(group, Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        // small fetches, so that the consumer's fetch position stays near what it processed
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_048),
                        new StringDeserializer(), new StringDeserializer());
                BurrowWindows burrow = new BurrowWindows(kafka.admin(), kafka.commonConfig(), group, WINDOW)) {
            MetricsEndpoint.shared().ifPresent(endpoint -> new KafkaClientMetrics(consumer).bindTo(endpoint.registry()));
            consumer.assign(partitions);
            StepConsumer reader = new StepConsumer(consumer, partitions);
            out.printf("Topic %s (%d partitions), group %s%n%n", topic, PARTITIONS, group);
            out.printf("%-22s %8s %9s %10s %9s %12s  %s%n", "step", "end", "committed", "Admin lag", "tool lag",
                    "records-lag", "Burrow");

            produce(producer, topic, 100);
            reader.consumeEach(100);
            steps.add(observe(kafka, "caught up", group, consumer, reader, burrow, topic, commandConfig, out));
            for (int i = 1; i <= SPIKES; i++) {
                produce(producer, topic, 200);
                reader.consumeEach(50);
                steps.add(observe(kafka, "spike " + i + ": +200 / -50", group, consumer, reader, burrow, topic,
                        commandConfig, out));
            }
            for (int i = 1; reader.committedTotal() < reader.endTotal(); i++) {
                reader.consumeEach(300);
                steps.add(observe(kafka, "catch-up " + i + ": -300", group, consumer, reader, burrow, topic,
                        commandConfig, out));
            }
        }
        out.printf("%nAdmin (committed vs end) and kafka-consumer-groups agree at every step; records-lag is measured"
                + " at the fetch position, so it runs a little ahead of the commits; Burrow warned while the lag only"
                + " grew and is OK again once it reached zero.%n");
        return new Result(steps);
    }

    private static Step observe(KafkaFixture kafka, String name, String group, KafkaConsumer<String, String> consumer,
            StepConsumer reader, BurrowWindows burrow, String topic, Optional<String> commandConfig, PrintStream out)
            throws Exception {
        String adminLag;
        try {
            adminLag = String.valueOf(CommittedLag.of(kafka.admin(), group).values().stream()
                    .mapToLong(Long::longValue).sum());
        } catch (UnsupportedOperationException todo) {
            adminLag = "TODO";
        }
        long toolLag = ConsumerGroupsTool.describe(kafka.bootstrapServers(), group, commandConfig).rows().stream()
                .mapToLong(row -> row.lag().orElse(0L)).sum();
        burrow.refresh();
        // Evaluated as the last commit arrives (Burrow evaluates on each commit as well as on request).
        String status = BurrowView.status(burrow, burrow.lastCommitMillis());
        Step step = new Step(name, reader.endTotal(), reader.committedTotal(), adminLag, toolLag,
                ClientLag.recordsLag(consumer, topic), status);
        out.printf("%-22s %8d %9d %10s %9d %12.0f  %s%n", step.name(), step.endOffsets(), step.committed(),
                step.adminLag(), step.toolLag(), step.recordsLag(), step.burrow());
        return step;
    }

    private static void produce(KafkaProducer<String, String> producer, String topic, int perPartition) {
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < perPartition; i++) {
                producer.send(new ProducerRecord<>(topic, p, "c-" + (i % 10), "impression " + i));
            }
        }
        producer.flush();
    }

    /** Reads exactly n more records of each partition (or up to its end), then commits every partition. */
    private static final class StepConsumer {
        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private final Map<TopicPartition, Long> committed = new HashMap<>();

        StepConsumer(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
            this.consumer = consumer;
            this.partitions = partitions;
            partitions.forEach(partition -> committed.put(partition, 0L));
        }

        void consumeEach(int records) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> targets = new HashMap<>();
            partitions.forEach(p -> targets.put(p, Math.min(ends.get(p), committed.get(p) + records)));
            Map<TopicPartition, Long> next = new HashMap<>(committed);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> next.get(p) < targets.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("records did not arrive: at " + next + ", want " + targets);
                }
                Map<TopicPartition, Long> cut = new HashMap<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < targets.get(partition) && !cut.containsKey(partition)) {
                        next.put(partition, record.offset() + 1); // processed
                    } else {
                        cut.putIfAbsent(partition, record.offset());
                    }
                }
                cut.forEach(consumer::seek); // fetched but not processed yet: read again next step
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(offsets);
            committed.putAll(next);
        }

        long committedTotal() {
            return committed.values().stream().mapToLong(Long::longValue).sum();
        }

        long endTotal() {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
