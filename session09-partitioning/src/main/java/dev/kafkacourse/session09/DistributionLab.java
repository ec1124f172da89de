package dev.kafkacourse.session09;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 2: where records go under three partitioning strategies, on a skewed campaign mix (Zipf: {@code c-001} is
 * far more popular than the rest). Measures records per partition, the skew (busiest partition / mean), in how
 * many partitions the hot campaign ended up, and what the strategy does to producer throughput and batch size.
 */
public final class DistributionLab {

    static final int PARTITIONS = 6;
    static final String HOT_CAMPAIGN = AdEventGenerator.campaignId(1);

    private DistributionLab() {
    }

    enum Strategy {
        KEYED("key = campaignId, default partitioner (murmur2(key) % 6)", Map.of()),
        STICKY("keys ignored (partitioner.ignore.keys=true): sticky, switches partition per batch",
                Map.of(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, true)),
        ROUND_ROBIN("partitioner.class=RoundRobinPartitioner: one record to each partition in turn",
                Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName()));

        final String description;
        final Map<String, Object> producerConfig;

        Strategy(String description, Map<String, Object> producerConfig) {
            this.description = description;
            this.producerConfig = producerConfig;
        }
    }

    /**
     * One strategy's run.
     *
     * @param hotCampaignPartitions in how many partitions {@code c-001} landed
     * @param recordsPerSecond      send-to-acknowledged rate of this run (printed, never asserted)
     * @param batchSizeAvg          the producer's {@code batch-size-avg} metric, bytes
     */
    record Measurement(Strategy strategy, PartitionLoad load, int hotCampaignPartitions, double recordsPerSecond,
            double batchSizeAvg) {
    }

    record Result(int sent, long hotCampaignEvents, List<Measurement> measurements) {

        Measurement of(Strategy strategy) {
            return measurements.stream().filter(m -> m.strategy() == strategy).findFirst().orElseThrow();
        }
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        LabRunner.run("session09 distribution", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        List<AdEvent> events = AdEventGenerator.builder().seed(10).impressions(impressions).campaigns(20)
                .zipfExponent(1.1).build().generate().distinctEvents();
        long hot = events.stream().filter(e -> e.campaignId().equals(HOT_CAMPAIGN)).count();
        long coldest = events.stream().filter(e -> e.campaignId().equals(AdEventGenerator.campaignId(20))).count();
        out.printf("Zipf campaign mix: 20 campaigns, %,d events; %s has %,d (%.1f%%), c-020 has %,d (%.1f%%)%n",
                events.size(), HOT_CAMPAIGN, hot, 100.0 * hot / events.size(), coldest, 100.0 * coldest / events.size());
        out.printf("A fair share of %d partitions is %.1f%% each.%n%n", PARTITIONS, 100.0 / PARTITIONS);

        // JIT warm-up, so the first strategy measured is not the slowest just for coming first.
        send(kafka, kafka.createTopic("warm-up", PARTITIONS), events, Strategy.KEYED);

        List<Measurement> measurements = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            String topic = kafka.createTopic("ad-events-" + strategy.name().toLowerCase().replace('_', '-'),
                    PARTITIONS);
            Measurement m = send(kafka, topic, events, strategy);
            measurements.add(m);
            out.println(strategy.name() + ": " + strategy.description);
            for (int p = 0; p < PARTITIONS; p++) {
                out.printf("  p%d %,7d %s%n", p, m.load().perPartition().get(p), m.load().bar(p, 40));
            }
            out.printf("  max/mean %.2f, %s in %d partition(s), %,.0f records/s, batch-size-avg %,.0f B%n%n",
                    m.load().maxOverMean(), HOT_CAMPAIGN, m.hotCampaignPartitions(), m.recordsPerSecond(),
                    m.batchSizeAvg());
        }
        out.println("strategy     max/mean  c-001 partitions  records/s  batch-size-avg");
        for (Measurement m : measurements) {
            out.printf("%-11s  %8.2f  %16d  %9.0f  %,12.0f B%n", m.strategy(), m.load().maxOverMean(),
                    m.hotCampaignPartitions(), m.recordsPerSecond(), m.batchSizeAvg());
        }
        return new Result(events.size(), hot, measurements);
    }

    private static Measurement send(KafkaFixture kafka, String topic, List<AdEvent> events, Strategy strategy) {
        Set<Integer> hotPartitions = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        KafkaProducer<String, String> producer = kafka.producer(strategy.producerConfig, new StringSerializer(),
                new StringSerializer());
        long start = System.nanoTime();
        for (AdEvent event : events) {
            boolean isHot = event.campaignId().equals(HOT_CAMPAIGN);
            producer.send(CampaignRecords.keyed(topic, event), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                } else if (isHot) {
                    hotPartitions.add(metadata.partition());
                }
            });
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + events.size() + " sends failed (" + strategy + ")");
        }
        return new Measurement(strategy, PartitionLoad.onBroker(kafka.admin(), topic, PARTITIONS), hotPartitions.size(),
                events.size() / seconds, metric(producer, "batch-size-avg"));
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : producer.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("producer-metrics")) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return Double.NaN;
    }
}
