package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.kafka.Topics;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Lab 3: a partition is read by at most one consumer of a group, so the partition count caps a group's
 * parallelism. Four consumers join a group on a 3-partition topic: one of them gets no partition and reads
 * nothing, however much traffic comes in. Adding a fourth partition gives it work.
 */
public final class ConsumerParallelismLab {

    static final int PARTITIONS = 3;
    static final int CONSUMERS = PARTITIONS + 1;

    private ConsumerParallelismLab() {
    }

    /**
     * What the group looked like.
     *
     * @param before         partitions of each consumer (by its index) with {@code PARTITIONS} partitions
     * @param readBefore     records each consumer read of the first batch
     * @param after          partitions of each consumer after the topic grew to {@code CONSUMERS} partitions
     * @param readAfter      records each consumer read of the second batch
     * @param membersByAdmin group members as the coordinator reports them (Admin.describeConsumerGroups)
     */
    record Result(List<List<Integer>> before, List<Integer> readBefore, List<List<Integer>> after,
            List<Integer> readAfter, int membersByAdmin) {
    }

    public static void main(String[] args) {
        LabRunner.run("session09 consumer-parallelism", ConsumerParallelismLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String group = kafka.groupId("stats");
        // A short metadata age, so the group notices the added partition in a second rather than five minutes.
        Map<String, Object> overrides = Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000);
        List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            KafkaConsumer<String, String> consumer = kafka.consumer(group, overrides, new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(topic));
            consumers.add(consumer);
        }
        int[] read = new int[CONSUMERS];
        pollUntil(consumers, read, () -> groupSettled(kafka, group, consumers, PARTITIONS));
        ConsumerGroupDescription group1 = describe(kafka, group);
        out.printf("Group %s: %d members (%s), assignor %s, topic with %d partitions%n", group, group1.members().size(),
                group1.groupState(), group1.partitionAssignor(), PARTITIONS);
        List<List<Integer>> before = assignments(consumers);
        int sent = produceToEveryPartition(kafka, topic, PARTITIONS, 1);
        pollUntil(consumers, read, () -> sum(read) >= sent);
        List<Integer> readBefore = snapshot(read);
        print(out, before, readBefore, sent);

        kafka.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(CONSUMERS))).all().get();
        Topics.awaitLeaders(kafka.admin(), topic, CONSUMERS);
        out.printf("%nadmin.createPartitions(%s -> %d partitions)%n", topic, CONSUMERS);
        java.util.Arrays.fill(read, 0);
        pollUntil(consumers, read, () -> groupSettled(kafka, group, consumers, CONSUMERS));
        List<List<Integer>> after = assignments(consumers);
        int sentAfter = produceToEveryPartition(kafka, topic, CONSUMERS, 2);
        pollUntil(consumers, read, () -> sum(read) >= sentAfter);
        List<Integer> readAfter = snapshot(read);
        print(out, after, readAfter, sentAfter);
        out.printf("%nAt most one consumer per partition: %d partitions keep at most %d consumers busy.%n",
                PARTITIONS, PARTITIONS);
        return new Result(before, readBefore, after, readAfter, group1.members().size());
    }

    /** Every consumer is a member, the group is stable, and the consumers between them hold every partition. */
    private static boolean groupSettled(KafkaFixture kafka, String group, List<KafkaConsumer<String, String>> consumers,
            int partitions) throws Exception {
        ConsumerGroupDescription description;
        try {
            description = describe(kafka, group);
        } catch (ExecutionException notYetKnown) {
            return false;   // the coordinator does not know the group until the first member has joined
        }
        int assignedByAdmin = description.members().stream()
                .mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        int assignedByConsumers = consumers.stream().mapToInt(c -> c.assignment().size()).sum();
        return description.groupState() == GroupState.STABLE && description.members().size() == consumers.size()
                && assignedByAdmin == partitions && assignedByConsumers == partitions;
    }

    private static ConsumerGroupDescription describe(KafkaFixture kafka, String group)
            throws ExecutionException, InterruptedException {
        return kafka.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
    }

    /** Sends 200 events to each partition, so an idle consumer is idle for lack of a partition, not of data. */
    private static int produceToEveryPartition(KafkaFixture kafka, String topic, int partitions, long seed) {
        List<AdEvent> events = AdEventGenerator.builder().seed(seed).impressions(200 * partitions)
                .clickThroughRate(0).build().generate().distinctEvents();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AdEvent event = events.get(i);
            records.add(new ProducerRecord<>(topic, i % partitions, event.campaignId(), AdEventJson.toJson(event)));
        }
        Sends.all(kafka.stringProducer(), records);
        return events.size();
    }

    private static void print(PrintStream out, List<List<Integer>> assignments, List<Integer> read, int sent) {
        out.printf("Sent %,d records, spread evenly over the partitions%n", sent);
        for (int c = 0; c < assignments.size(); c++) {
            out.printf("  consumer %d: partitions %-6s read %,5d%s%n", c + 1, assignments.get(c), read.get(c),
                    assignments.get(c).isEmpty() ? "   <- idle: no partition left for it" : "");
        }
    }

    private static List<List<Integer>> assignments(List<KafkaConsumer<String, String>> consumers) {
        return consumers.stream()
                .map(c -> c.assignment().stream().map(TopicPartition::partition).sorted().toList())
                .toList();
    }

    private static List<Integer> snapshot(int[] read) {
        return java.util.Arrays.stream(read).boxed().toList();
    }

    private static int sum(int[] read) {
        return java.util.Arrays.stream(read).sum();
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    /** Polls every member in turn (a member that stops polling leaves the group) until {@code done}. */
    private static void pollUntil(List<KafkaConsumer<String, String>> consumers, int[] read, Condition done) {
        Awaitility.await("the consumer group").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            for (int c = 0; c < consumers.size(); c++) {
                read[c] += consumers.get(c).poll(Duration.ofMillis(50)).count();
            }
            return done.met();
        });
    }
}
