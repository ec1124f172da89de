package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Lab: consumer lag two ways, side by side while a slow consumer works through a backlog.
 *
 * <ul>
 *   <li>From the client's own metrics ({@code consumer.metrics()}): {@code records-lag} per partition (end offset
 *       minus the consumer's position, at the last fetch) and {@code records-lag-max} (the largest of those over the
 *       metrics window, about a minute: it stays up after the consumer caught up).</li>
 *   <li>From the broker (Admin API): end offset minus the group's committed offset, what
 *       {@code kafka-consumer-groups.sh --describe} shows and what an outside monitor sees, even of a dead
 *       consumer.</li>
 * </ul>
 */
public final class LagLab {

    static final int PARTITIONS = 3;
    static final int MAX_POLL_RECORDS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private LagLab() {
    }

    /** One look at both kinds of lag. */
    record Sample(int applied, double recordsLagMax, double recordsLagSum, long committedLag) {
    }

    record Result(int generated, List<Sample> samples, Sample last) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        LabRunner.run("session12 lag", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = Traffic.clean(1214, impressions);
        int total = traffic.records().size();
        String topic = Traffic.produce(kafka, "ad-events", PARTITIONS, traffic);
        String group = kafka.groupId("lagging");
        Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), topic);
        out.printf("%,d ad events waiting in %s; a consumer (max.poll.records=%d, 1 ms per record) commits after "
                + "each poll%n%n", total, topic, MAX_POLL_RECORDS);
        out.println("applied   records-lag-max   sum of records-lag   end - committed (Admin)");
        List<Sample> samples = new ArrayList<>();
        int applied = 0;
        int polls = 0;
        try (KafkaConsumer<String, byte[]> consumer = Traffic.consumer(kafka, group,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (applied < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Did not consume " + total + " records in time");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> record : records) {
                    Thread.sleep(1); // slow work, so a backlog builds up to look at
                    applied++;
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                    if (++polls % 5 == 1) {
                        samples.add(sample(kafka, consumer, topic, group, ends, applied, out));
                    }
                }
            }
            // One more poll so the client fetches once at the end and its per-partition lag reads 0.
            consumer.poll(Duration.ofMillis(200));
            Sample last = sample(kafka, consumer, topic, group, ends, applied, out);
            out.printf("%nAt the end: the group's committed lag is %d and every partition's records-lag is %.0f, while "
                    + "records-lag-max still shows %.0f: it is the maximum over the metrics window "
                    + "(metrics.sample.window.ms x metrics.num.samples, 30 s x 2), not the current lag.%n",
                    last.committedLag(), last.recordsLagSum(), last.recordsLagMax());
            return new Result(total, samples, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Sample sample(KafkaFixture kafka, KafkaConsumer<String, byte[]> consumer, String topic,
            String group, Map<TopicPartition, Long> ends, int applied, PrintStream out) {
        var metrics = consumer.metrics();
        double lagMax = ClientMetrics.clientWide(metrics, ClientMetrics.FETCH_MANAGER, "records-lag-max");
        double lagSum = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            double lag = ClientMetrics.ofPartition(metrics, "records-lag", topic, p);
            lagSum += Double.isNaN(lag) ? 0 : lag;
        }
        Map<TopicPartition, Long> committed = Offsets.committed(kafka.admin(), group);
        Map<TopicPartition, Long> logStart = Offsets.earliest(kafka.admin(), topic);
        long committedLag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            // No commit yet: the group would start at the log start offset (0 only until retention moves it).
            committedLag += end.getValue() - committed.getOrDefault(end.getKey(), logStart.get(end.getKey()));
        }
        Sample sample = new Sample(applied, lagMax, lagSum, committedLag);
        out.printf("%7d   %15.0f   %18.0f   %23d%n", applied, lagMax, lagSum, committedLag);
        return sample;
    }
}
