package dev.kafkacourse.session09;

import dev.kafkacourse.support.kafka.Sends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Exercise 1: HotCampaignPartitioner, called directly and set on a real producer. */
@KafkaTest
class HotCampaignPartitionerTest {

    private static final String TOPIC = "ad-events";

    @Test
    void otherCampaignsGoWhereTheDefaultPartitionerPutsThem() {
        HotCampaignPartitioner partitioner = configured("c-001", 3);
        Cluster cluster = cluster(6);

        for (int rank = 2; rank <= 20; rank++) {
            String campaign = AdEventGenerator.campaignId(rank);
            for (int i = 0; i < 3; i++) {
                assertThat(partition(partitioner, campaign, cluster)).as(campaign).isEqualTo(home(campaign, 6));
            }
        }
    }

    @Test
    void aHotCampaignTakesItsPartitionsInTurn() {
        HotCampaignPartitioner partitioner = configured("c-001", 3);
        int home = home("c-001", 6);

        Map<Integer, Long> counts = counts(IntStream.range(0, 300).map(i -> partition(partitioner, "c-001", cluster(6))));

        assertThat(counts).containsOnlyKeys(home, (home + 1) % 6, (home + 2) % 6)
                .allSatisfy((partition, count) -> assertThat(count).isEqualTo(100));
    }

    @Test
    void theSpreadIsCappedAtThePartitionCount() {
        HotCampaignPartitioner partitioner = configured("c-001", 10);

        Map<Integer, Long> counts = counts(IntStream.range(0, 100).map(i -> partition(partitioner, "c-001", cluster(4))));

        assertThat(counts).containsOnlyKeys(0, 1, 2, 3).allSatisfy((partition, count) -> assertThat(count).isEqualTo(25));
    }

    @Test
    void keysStayPutWhileAPartitionHasNoLeader() {
        HotCampaignPartitioner partitioner = configured("c-001", 3);
        // Partition 2's leader is away: 5 of 6 partitions are available, but a key must not move because of that.
        Cluster oneLeaderAway = cluster(6, 2);

        for (int rank = 2; rank <= 20; rank++) {
            String campaign = AdEventGenerator.campaignId(rank);
            assertThat(partition(partitioner, campaign, oneLeaderAway)).as(campaign).isEqualTo(home(campaign, 6));
        }
    }

    @Test
    void interleavedHotCampaignsEachTakeAllTheirPartitions() {
        HotCampaignPartitioner partitioner = configured("c-001,c-002", 2);
        Map<String, List<Integer>> chosen = new TreeMap<>();

        for (int i = 0; i < 40; i++) {
            String campaign = i % 2 == 0 ? "c-001" : "c-002";
            chosen.computeIfAbsent(campaign, c -> new ArrayList<>()).add(partition(partitioner, campaign, cluster(6)));
        }

        chosen.forEach((campaign, partitions) -> {
            int home = home(campaign, 6);
            assertThat(counts(partitions.stream().mapToInt(Integer::intValue))).as(campaign)
                    .isEqualTo(Map.of(home, 10L, (home + 1) % 6, 10L));
        });
    }

    @Test
    void callsFromManyThreadsStillTakeTurnsExactly() throws Exception {
        HotCampaignPartitioner partitioner = configured("c-001", 3);
        Cluster cluster = cluster(6);
        // Enough calls that the threads overlap for long stretches on any machine: a counter that is not
        // thread-safe loses turns, and the three partitions no longer get exactly a third each.
        int threads = 8;
        int callsPerThread = 150_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int[] perPartition = new int[6];
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        perPartition[partition(partitioner, "c-001", cluster)]++;
                    }
                    return perPartition;
                }));
            }
            start.countDown();
            long[] total = new long[6];
            for (Future<int[]> result : results) {
                int[] perPartition = result.get(60, TimeUnit.SECONDS);
                for (int p = 0; p < 6; p++) {
                    total[p] += perPartition[p];
                }
            }
            int home = home("c-001", 6);
            long each = (long) threads * callsPerThread / 3;
            Map<Integer, Long> counts = new TreeMap<>();
            for (int p = 0; p < 6; p++) {
                if (total[p] > 0) {
                    counts.put(p, total[p]);
                }
            }
            assertThat(counts).as("records per partition after %d calls from %d threads", threads * callsPerThread,
                    threads).isEqualTo(Map.of(home, each, (home + 1) % 6, each, (home + 2) % 6, each));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsWrittenAsInAPropertiesFile() {
        HotCampaignPartitioner partitioner = new HotCampaignPartitioner();
        partitioner.configure(Map.of(HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG, "c-001, c-002",
                HotCampaignPartitioner.HOT_PARTITIONS_CONFIG, "2", "bootstrap.servers", "ignored:9092"));

        for (String hot : List.of("c-001", "c-002")) {
            int home = home(hot, 6);
            assertThat(counts(IntStream.range(0, 10).map(i -> partition(partitioner, hot, cluster(6)))))
                    .as(hot).containsOnlyKeys(home, (home + 1) % 6);
        }
        assertThat(partition(partitioner, "c-003", cluster(6))).isEqualTo(home("c-003", 6));
    }

    @Test
    void anEmptyListMeansNoHotCampaign() {
        HotCampaignPartitioner partitioner = configured("", 3);

        assertThat(counts(IntStream.range(0, 10).map(i -> partition(partitioner, "c-001", cluster(6)))))
                .containsOnlyKeys(home("c-001", 6));
    }

    @Test
    void recordsWithoutAKeyGoToEveryPartitionInTurn() {
        HotCampaignPartitioner partitioner = configured("c-001", 3);
        Cluster cluster = cluster(6);

        Map<Integer, Long> counts = counts(IntStream.range(0, 60)
                .map(i -> partitioner.partition(TOPIC, null, null, "v", new byte[] {1}, cluster)));

        assertThat(counts).containsOnlyKeys(0, 1, 2, 3, 4, 5).allSatisfy((partition, count) -> assertThat(count).isEqualTo(10));
    }

    @Test
    void missingOrInvalidSettingsNameTheSetting() {
        assertThatThrownBy(() -> new HotCampaignPartitioner().configure(
                Map.of(HotCampaignPartitioner.HOT_PARTITIONS_CONFIG, 3)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG);
        assertThatThrownBy(() -> new HotCampaignPartitioner().configure(
                Map.of(HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG, "c-001")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HotCampaignPartitioner.HOT_PARTITIONS_CONFIG);
        assertThatThrownBy(() -> configured("c-001", 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HotCampaignPartitioner.HOT_PARTITIONS_CONFIG);
        assertThatThrownBy(() -> new HotCampaignPartitioner().configure(Map.of(
                HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG, "c-001", HotCampaignPartitioner.HOT_PARTITIONS_CONFIG, "three")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(HotCampaignPartitioner.HOT_PARTITIONS_CONFIG);
    }

    @Test
    void onARealProducerTheHotCampaignIsSpreadAndTheOthersStayKeyed(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 6);
        List<AdEvent> events = AdEventGenerator.builder().seed(91).impressions(1_500).campaigns(10).zipfExponent(1.3)
                .build().generate().distinctEvents();
        Map<String, Object> config = Map.of(
                ProducerConfig.PARTITIONER_CLASS_CONFIG, HotCampaignPartitioner.class.getName(),
                HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG, "c-001",
                HotCampaignPartitioner.HOT_PARTITIONS_CONFIG, "3");
        Sends.all(kafka.producer(config, new StringSerializer(), new StringSerializer()),
                events.stream().map(e -> CampaignRecords.keyed(topic, e)).toList());

        KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("check"));
        consumer.assign(IntStream.range(0, 6).mapToObj(p -> new TopicPartition(topic, p)).toList());
        List<ConsumerRecord<String, String>> records = Consume.records(consumer, events.size());

        Map<String, Map<Integer, Long>> perCampaign = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            perCampaign.computeIfAbsent(record.key(), k -> new TreeMap<>()).merge(record.partition(), 1L, Long::sum);
        }
        int home = home("c-001", 6);
        Map<Integer, Long> hot = perCampaign.get("c-001");
        assertThat(hot).containsOnlyKeys(home, (home + 1) % 6, (home + 2) % 6);
        assertThat(hot.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - hot.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(1);
        perCampaign.forEach((campaign, partitions) -> {
            if (!campaign.equals("c-001")) {
                assertThat(partitions).as(campaign).containsOnlyKeys(home(campaign, 6));
            }
        });
    }

    private static HotCampaignPartitioner configured(String hotIds, int spread) {
        HotCampaignPartitioner partitioner = new HotCampaignPartitioner();
        Map<String, Object> config = new HashMap<>();
        config.put(HotCampaignPartitioner.HOT_CAMPAIGNS_CONFIG, hotIds);
        config.put(HotCampaignPartitioner.HOT_PARTITIONS_CONFIG, spread);
        partitioner.configure(config);
        return partitioner;
    }

    private static int partition(HotCampaignPartitioner partitioner, String key, Cluster cluster) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return partitioner.partition(TOPIC, key, keyBytes, "v", new byte[] {1}, cluster);
    }

    /** Where the producer's default partitioner puts a key. */
    private static int home(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Cluster cluster(int partitions) {
        return cluster(partitions, -1);
    }

    /** A one-broker cluster whose topic has {@code partitions} partitions, {@code leaderless} without a leader. */
    private static Cluster cluster(int partitions, int leaderless) {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            Node leader = p == leaderless ? null : node;
            infos.add(new PartitionInfo(TOPIC, p, leader, new Node[] {node}, p == leaderless ? new Node[0]
                    : new Node[] {node}));
        }
        return new Cluster("test", List.of(node), infos, Set.of(), Set.of());
    }

    private static Map<Integer, Long> counts(IntStream partitions) {
        return partitions.boxed().collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
    }
}
