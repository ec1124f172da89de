package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as it is right now, under a chosen isolation level: everything up to the end a consumer of
 * that level sees (the high watermark for {@code read_uncommitted}, the last stable offset for
 * {@code read_committed}). No group, no commits: an observer, as a downstream report would read.
 */
public final class TopicReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicReader() {
    }

    /** Every record of {@code topic} the isolation level lets through, partition by partition. */
    public static List<ConsumerRecord<String, String>> readAll(Map<String, Object> clientConfig, String topic,
            IsolationLevel isolation) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For read_committed this is the last stable offset: an open transaction's records are beyond it.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " up to " + ends + " within "
                            + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** The per-campaign totals of the {@link WindowStats} records on {@code statsTopic} that {@code isolation} sees. */
    public static SortedMap<String, CampaignStats> campaignTotals(Map<String, Object> clientConfig,
            String statsTopic, IsolationLevel isolation) {
        return campaignTotals(readAll(clientConfig, statsTopic, isolation));
    }

    public static SortedMap<String, CampaignStats> campaignTotals(List<ConsumerRecord<String, String>> records) {
        SortedMap<String, CampaignStats> totals = new TreeMap<>();
        for (ConsumerRecord<String, String> record : records) {
            WindowStats window = WindowStats.fromJson(record.value());
            totals.merge(window.campaignId(), window.asCampaignStats(), CampaignStats::plus);
        }
        return totals;
    }

    /** Events counted over all campaigns (impressions + clicks). */
    public static long events(Map<String, CampaignStats> totals) {
        return totals.values().stream().mapToLong(s -> s.impressions() + s.clicks()).sum();
    }
}
