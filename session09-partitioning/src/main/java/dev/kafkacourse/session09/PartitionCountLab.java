package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 4: the "right partition count" from measurements. Measures what one partition takes from one producer
 * ({@code p}) and what one consumer gets through from one partition, parsing and aggregating each event
 * ({@code c}), then works out the partition count for a target throughput {@code t} with exercise 2's
 * {@link PartitionSizing#partitionsFor}: {@code ./course lab} builds the reference answer, and
 * {@code -Dcourse.track=exercise} runs the lab on the learner's.
 */
public final class PartitionCountLab {

    /** Peak ad events per second the pipeline must absorb (the guide's worked example uses the same target). */
    static final double DEFAULT_TARGET = 60_000;
    /** A what-if: a consumer that also writes each event to a database, at this cost per event. */
    static final double DB_WRITE_MILLIS = 0.5;

    private PartitionCountLab() {
    }

    /**
     * What was measured and worked out.
     *
     * @param producerPerSecond records/s one producer got into one partition (acknowledged)
     * @param consumerPerSecond records/s one consumer read, parsed and aggregated from one partition
     * @param partitions        max(target / producerPerSecond, target / consumerPerSecond), rounded up
     */
    record Result(int records, long bytes, double producerPerSecond, double consumerPerSecond, double targetPerSecond,
            int partitions) {
    }

    public static void main(String[] args) {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : DEFAULT_TARGET;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        LabRunner.run("session09 partition-count", (kafka, out) -> run(kafka, out, target, records));
    }

    static Result run(KafkaFixture kafka, PrintStream out, double target, int records) {
        List<AdEvent> events = AdEventGenerator.builder().seed(11).impressions(records).clickThroughRate(0)
                .build().generate().distinctEvents();
        List<byte[]> values = events.stream().map(AdEventJson::toBytes).toList();
        long bytes = values.stream().mapToLong(v -> v.length).sum();
        out.printf("%,d ad events, %.0f bytes each on average (JSON), default producer settings%n%n", events.size(),
                (double) bytes / events.size());

        // JIT warm-up, so the measurement is of Kafka, not of class loading.
        List<AdEvent> warmUp = events.subList(0, Math.min(events.size(), 20_000));
        String warmUpTopic = kafka.createTopic("warm-up", 1);
        produce(kafka, warmUpTopic, warmUp, values);
        consume(kafka, warmUpTopic, warmUp.size());

        String topic = kafka.createTopic("ad-events", 1);
        double producerSeconds = produce(kafka, topic, events, values);
        double p = events.size() / producerSeconds;
        out.printf("producer -> 1 partition : %,9.0f records/s  %6.1f MB/s   (p)%n", p, bytes / producerSeconds / 1e6);
        double consumerSeconds = consume(kafka, topic, events.size());
        double c = events.size() / consumerSeconds;
        out.printf("1 partition -> consumer : %,9.0f records/s  %6.1f MB/s   (c, parse + aggregate per campaign)%n%n",
                c, bytes / consumerSeconds / 1e6);

        // Exercise 2's PartitionSizing (the reference answer when run with ./course lab).
        int partitions = PartitionSizing.partitionsFor(target, p, c);
        out.printf("target t = %,.0f events/s%n", target);
        out.printf("partitions = max(t/p, t/c) = max(%.2f, %.2f) -> %d%n", target / p, target / c, partitions);
        double withDb = Math.min(c, 1000 / DB_WRITE_MILLIS);
        out.printf("what if each event also costs a %.1f ms database write: c <= %,.0f/s -> max(%.2f, %.2f) -> %d%n",
                DB_WRITE_MILLIS, withDb, target / p, target / withDb,
                PartitionSizing.partitionsFor(target, p, withDb));
        out.println();
        out.println("These are one laptop's in-JVM figures. Measure p and c on the real cluster and with the real");
        out.println("consumer code (kafka-producer-perf-test.sh / your consumer on a 1-partition topic).");
        return new Result(events.size(), bytes, p, c, target, partitions);
    }

    /** Sends every event to partition 0 and waits for the acknowledgements; returns the seconds it took. */
    private static double produce(KafkaFixture kafka, String topic, List<AdEvent> events, List<byte[]> values) {
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new ProducerRecord<>(topic, 0, events.get(i).timestamp(), events.get(i).campaignId(),
                    values.get(i)));
        }
        long start = System.nanoTime();
        Sends.all(producer, records);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads {@code count} records of partition 0, parsing and aggregating each; returns the seconds it took. */
    private static double consume(KafkaFixture kafka, String topic, int count) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer(kafka.groupId("stats"), new StringDeserializer(),
                new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        Map<String, CampaignStats> stats = new HashMap<>();
        int[] read = {0};
        long start = System.nanoTime();
        Awaitility.await("reading " + count + " records").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ZERO)
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        AdEvent event = AdEventJson.fromBytes(record.value());
                        stats.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
                        read[0]++;
                    }
                    return read[0] >= count;
                });
        return (System.nanoTime() - start) / 1e9;
    }
}
