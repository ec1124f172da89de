package dev.kafkacourse.session02;

import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Lab 2: produce ad events keyed by campaign and consume them back. Shows that a key always lands in the same
 * partition, that offsets count up per partition, and that what comes out adds up to what went in.
 */
public final class ProduceConsumeLab {

    private ProduceConsumeLab() {
    }

    /** What the lab observed. */
    record Result(int sent, int received, Map<Integer, Long> recordsPerPartition, Map<String, Integer> partitionOfCampaign,
            Map<String, CampaignStats> consumedStats, Map<String, CampaignStats> expectedStats) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        LabRunner.run("session02 produce-consume", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(2).impressions(impressions).campaigns(8)
                .build().generate();
        List<AdEvent> events = traffic.distinctEvents();
        String topic = kafka.createTopic("ad-events", 3);

        long start = System.nanoTime();
        KafkaProducer<String, String> producer = kafka.stringProducer();
        AdEventRecords.sendAll(producer, topic, events);
        out.printf("Produced %,d events to %s in %d ms%n", events.size(), topic, (System.nanoTime() - start) / 1_000_000);

        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("stats"));
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<String, String>> records = Consume.records(consumer, events.size());

        Map<Integer, Long> perPartition = new TreeMap<>();
        Map<Integer, long[]> offsetRange = new TreeMap<>();
        Map<String, Integer> partitionOfCampaign = new TreeMap<>();
        Map<String, CampaignStats> stats = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            perPartition.merge(record.partition(), 1L, Long::sum);
            offsetRange.computeIfAbsent(record.partition(), p -> new long[] {record.offset(), record.offset()})[1] =
                    record.offset();
            Integer previous = partitionOfCampaign.put(record.key(), record.partition());
            if (previous != null && previous != record.partition()) {
                throw new IllegalStateException("Key " + record.key() + " appeared in two partitions");
            }
            AdEvent event = AdEventJson.fromBytes(record.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stats.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
        }
        out.printf("Consumed %,d records%n", records.size());
        perPartition.forEach((partition, count) -> out.printf("  partition %d: %,6d records, offsets %d..%d, campaigns %s%n",
                partition, count, offsetRange.get(partition)[0], offsetRange.get(partition)[1],
                partitionOfCampaign.entrySet().stream().filter(e -> e.getValue().equals(partition))
                        .map(Map.Entry::getKey).toList()));
        out.println();
        out.println("campaign  impressions  clicks    CTR   matches generator");
        stats.forEach((campaign, s) -> out.printf("%-8s  %11d  %6d  %5.2f%%  %s%n", campaign, s.impressions(),
                s.clicks(), 100 * s.ctr(), s.equals(traffic.expectedStats().get(campaign)) ? "yes" : "NO"));
        return new Result(events.size(), records.size(), perPartition, partitionOfCampaign, stats,
                traffic.expectedStats());
    }
}
