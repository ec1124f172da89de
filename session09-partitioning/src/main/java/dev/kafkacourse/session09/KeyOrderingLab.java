package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/**
 * Lab 1: Kafka keeps order per partition, so a key keeps its order only because the key decides the partition.
 * The same campaign mix is sent twice to a 6-partition topic, once keyed by campaignId and once without a key,
 * and read by three consumers with two partitions each (what a group of three would get). Keyed, every campaign
 * sits in one partition, is read by one consumer, and arrives in send order. Without a key, a campaign is spread
 * over partitions and consumers, and no consumer sees its events in order.
 */
public final class KeyOrderingLab {

    static final int PARTITIONS = 6;
    static final int CONSUMERS = 3;

    private KeyOrderingLab() {
    }

    enum Mode {
        KEYED("key = campaignId (default partitioner: murmur2(key) % partitions)"),
        UNKEYED("no key (default partitioner: sticky, a new partition every batch)");

        final String description;

        Mode(String description) {
            this.description = description;
        }
    }

    /**
     * What one run observed, per campaign.
     *
     * @param partitions    in how many partitions the campaign's events landed
     * @param consumers     how many consumers read some of them
     * @param outOfOrder    events of the campaign that a consumer got after an event of it that was sent later
     *                      (0 = every consumer saw the campaign in send order)
     */
    record ModeResult(Mode mode, int sent, int received, Map<String, Integer> partitions, Map<String, Integer> consumers,
            Map<String, Integer> outOfOrder) {

        int totalOutOfOrder() {
            return outOfOrder.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    record Result(ModeResult keyed, ModeResult unkeyed) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        LabRunner.run("session09 key-ordering", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        List<AdEvent> events = AdEventGenerator.builder().seed(9).impressions(impressions).campaigns(8)
                .build().generate().distinctEvents();
        out.printf("%,d ad events of 8 campaigns, %d partitions, %d consumers with %d partitions each%n%n",
                events.size(), PARTITIONS, CONSUMERS, PARTITIONS / CONSUMERS);
        ModeResult keyed = runMode(kafka, out, events, Mode.KEYED);
        ModeResult unkeyed = runMode(kafka, out, events, Mode.UNKEYED);
        out.printf("Keyed: every campaign in 1 partition, read by 1 consumer, %d events out of order.%n",
                keyed.totalOutOfOrder());
        out.printf("No key: c-001 in %d partitions, read by %d consumers; %,d of %,d events out of order.%n",
                unkeyed.partitions().get("c-001"), unkeyed.consumers().get("c-001"), unkeyed.totalOutOfOrder(),
                unkeyed.received());
        return new Result(keyed, unkeyed);
    }

    private static ModeResult runMode(KafkaFixture kafka, PrintStream out, List<AdEvent> events, Mode mode) {
        String topic = kafka.createTopic("ad-events-" + mode.name().toLowerCase(), PARTITIONS);
        Map<UUID, Integer> sendIndex = new HashMap<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (AdEvent event : events) {
            sendIndex.put(event.eventId(), sendIndex.size());
            records.add(mode == Mode.KEYED ? CampaignRecords.keyed(topic, event) : CampaignRecords.unkeyed(topic, event));
        }
        Sends.all(kafka.stringProducer(), records);

        List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("ordering"));
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = c * PARTITIONS / CONSUMERS; p < (c + 1) * PARTITIONS / CONSUMERS; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumers.add(consumer);
        }
        List<List<ConsumerRecord<String, String>>> received = readAll(consumers, events.size());

        Map<String, Set<Integer>> partitionsOf = new TreeMap<>();
        Map<String, Set<Integer>> consumersOf = new TreeMap<>();
        Map<String, Integer> outOfOrder = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        out.println(mode.description);
        for (int c = 0; c < consumers.size(); c++) {
            Map<String, Integer> latestSeen = new HashMap<>();
            for (ConsumerRecord<String, String> record : received.get(c)) {
                AdEvent event = AdEventJson.fromBytes(record.value().getBytes(StandardCharsets.UTF_8));
                String campaign = event.campaignId();
                int index = sendIndex.get(event.eventId());
                partitionsOf.computeIfAbsent(campaign, k -> new HashSet<>()).add(record.partition());
                consumersOf.computeIfAbsent(campaign, k -> new HashSet<>()).add(c);
                count.merge(campaign, 1, Integer::sum);
                outOfOrder.putIfAbsent(campaign, 0);
                Integer latest = latestSeen.get(campaign);
                if (latest != null && index < latest) {
                    outOfOrder.merge(campaign, 1, Integer::sum);
                } else {
                    latestSeen.put(campaign, index);
                }
            }
            out.printf("  consumer %d reads partitions %s: %,d records%n", c + 1,
                    consumers.get(c).assignment().stream().map(TopicPartition::partition).sorted().toList(),
                    received.get(c).size());
        }
        out.println("  campaign  events  partitions  consumers  out of order");
        Map<String, Integer> partitions = new TreeMap<>();
        Map<String, Integer> readers = new TreeMap<>();
        partitionsOf.forEach((campaign, set) -> partitions.put(campaign, set.size()));
        consumersOf.forEach((campaign, set) -> readers.put(campaign, set.size()));
        for (String campaign : count.keySet()) {
            out.printf("  %-8s  %6d  %10d  %9d  %11d%n", campaign, count.get(campaign), partitions.get(campaign),
                    readers.get(campaign), outOfOrder.get(campaign));
        }
        out.println();
        int total = received.stream().mapToInt(List::size).sum();
        return new ModeResult(mode, events.size(), total, partitions, readers, outOfOrder);
    }

    /** Polls every consumer in turn until {@code expected} records arrived in all; keeps each one's arrival order. */
    private static List<List<ConsumerRecord<String, String>>> readAll(List<KafkaConsumer<String, String>> consumers,
            int expected) {
        List<List<ConsumerRecord<String, String>>> received = new ArrayList<>();
        consumers.forEach(c -> received.add(new ArrayList<>()));
        Awaitility.await("all " + expected + " records").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO)
                .until(() -> {
                    for (int c = 0; c < consumers.size(); c++) {
                        consumers.get(c).poll(Duration.ofMillis(50)).forEach(received.get(c)::add);
                    }
                    return received.stream().mapToInt(List::size).sum() >= expected;
                });
        return received;
    }
}
