package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 1: ad traffic full of poison pills (broken JSON, schema violations, unknown campaigns, negative costs) read
 * by a {@link DeadLetterConsumer}. Every bad record lands in the DLQ exactly once with the full header set, every
 * good one is counted, the consumer never stops, and its commits reach the end of every partition.
 */
public final class PoisonPillLab {

    static final int PARTITIONS = 3;

    private PoisonPillLab() {
    }

    record Result(int sent, int bad, int good, long processed, long deadLettered, List<DeadLetter> deadLetters,
            Map<FailureKind, Long> byReason, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
            SortedMap<String, CampaignStats> counted) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        LabRunner.run("session16 poison-pills", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, PARTITIONS);
        PoisonPillTraffic traffic = PoisonPillTraffic.generate(topic, PARTITIONS, impressions, 0.03, 16);
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), traffic.records());
        out.printf("Produced %,d records to %s: %,d good, %,d bad (malformed, schema, unknown campaign, negative "
                + "cost; every partition ends with two bad records)%n", traffic.records().size(), topic,
                traffic.good(), traffic.bad());

        CountingSink sink = new CountingSink();
        AdEventProcessor processor = new AdEventProcessor(new AdEventValidator(traffic.knownCampaigns()), sink,
                RetryPolicy.exponential(1, Duration.ZERO, 1, Duration.ZERO, 0, 1), Sleeper.REAL);
        String group = kafka.groupId("ad-stats");
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        long start = System.nanoTime();
        try (DeadLetterConsumer consumer = new DeadLetterConsumer(kafka.consumerConfig(group), kafka.producerConfig(),
                topic, processor, dlq)) {
            consumer.pollUntil(() -> consumer.processed() + consumer.deadLettered() >= traffic.records().size(),
                    Duration.ofSeconds(60));
            out.printf("DeadLetterConsumer: %,d processed, %,d dead-lettered in %,d polls, %,d ms; it never stopped%n",
                    consumer.processed(), consumer.deadLettered(), consumer.polls(),
                    (System.nanoTime() - start) / 1_000_000);
            Map<TopicPartition, Long> committed = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
            committed.putAll(ReadToEnd.committed(kafka.admin(), group, topic));
            committed.forEach((tp, offset) -> out.printf("  partition %d: committed %,5d   end offset %,5d%n",
                    tp.partition(), offset, ends.get(tp)));

            List<DeadLetter> letters = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> reader = kafka.consumer(kafka.groupId("dlq-reader"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                for (ConsumerRecord<String, byte[]> record : ReadToEnd.read(reader, kafka.admin(), dlq,
                        Duration.ofSeconds(30))) {
                    letters.add(DeadLetters.read(record));
                }
            }
            Map<FailureKind, Long> byReason = new TreeMap<>();
            letters.forEach(letter -> byReason.merge(letter.reason(), 1L, Long::sum));
            long distinct = letters.stream().map(DeadLetter::origin).distinct().count();
            out.printf("%nDLQ %s holds %,d dead letters for %,d distinct original records (expected %,d): %s%n", dlq,
                    letters.size(), distinct, traffic.bad(), byReason);
            for (FailureKind kind : byReason.keySet()) {
                DeadLetter example = letters.stream().filter(letter -> letter.reason() == kind).findFirst().orElseThrow();
                out.printf("  %-16s %s: %s%n", kind, example.origin(),
                        example.message().lines().findFirst().orElse(""));
            }
            DeadLetter sample = letters.get(0);
            out.printf("%nOne dead letter in full (%s-%d@%d):%n", dlq, sample.dlqPartition(), sample.dlqOffset());
            printHeaders(out, kafka, dlq, sample);
            out.printf("  value: %s%n", new String(sample.value(), StandardCharsets.UTF_8));

            SortedMap<String, CampaignStats> counted = sink.snapshot();
            out.printf("%nCounted per campaign from the %,d good records:%n", sink.accepted());
            counted.forEach((campaign, s) -> out.printf("  %-6s impressions %5d  clicks %4d  spend %8.2f%n",
                    campaign, s.impressions(), s.clicks(), s.spendMicros() / 1e6));
            return new Result(traffic.records().size(), traffic.bad(), traffic.good(), consumer.processed(),
                    consumer.deadLettered(), letters, byReason, committed, ends, counted);
        }
    }

    private static void printHeaders(PrintStream out, KafkaFixture kafka, String dlq, DeadLetter sample) {
        try (KafkaConsumer<String, byte[]> reader = kafka.consumer(kafka.groupId("dlq-sample"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(dlq, sample.dlqPartition());
            reader.assign(List.of(partition));
            reader.seek(partition, sample.dlqOffset());
            for (int i = 0; i < 50; i++) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    out.printf("  key: %s%n", record.key());
                    for (Header header : record.headers()) {
                        String value = header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8);
                        value = value.strip().replace("\n", "\n" + " ".repeat(28));
                        out.printf("  %-26s %s%n", header.key(), value);
                    }
                    return;
                }
            }
        }
    }
}
