// Known-wrong answer: reads both settings into local variables that shadow the fields, so the partitioner keeps its defaults and never spreads a campaign
package dev.kafkacourse.session09;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.Utils;

/** A learner's answer to exercise 1 with a classic mistake (see the first line). */
public final class HotCampaignPartitioner implements Partitioner {

    public static final String HOT_CAMPAIGNS_CONFIG = "hot.campaign.ids";
    public static final String HOT_PARTITIONS_CONFIG = "hot.campaign.partitions";

    // ConfigDef parses both the strings of a properties file and typed values, and its errors name the setting.
    private static final ConfigDef CONFIG = new ConfigDef()
            .define(HOT_CAMPAIGNS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "Comma-separated campaign ids to spread over several partitions, e.g. c-001 (may be empty).")
            .define(HOT_PARTITIONS_CONFIG, ConfigDef.Type.INT, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.HIGH, "How many partitions each hot campaign is spread over (at least 1).");

    private Set<String> hotCampaigns = Set.of();
    private int hotPartitions = 1;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private final AtomicInteger unkeyedTurn = new AtomicInteger();

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> parsed = CONFIG.parse(configs);
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) parsed.get(HOT_CAMPAIGNS_CONFIG);
        Set<String> trimmed = new HashSet<>();
        ids.stream().map(String::trim).filter(id -> !id.isEmpty()).forEach(trimmed::add);
        Set<String> hotCampaigns = Set.copyOf(trimmed);
        int hotPartitions = (Integer) parsed.get(HOT_PARTITIONS_CONFIG);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        // All partitions, not only the available ones: a key must not move while one leader is away.
        int partitions = cluster.partitionsForTopic(topic).size();
        if (keyBytes == null) {
            return next(unkeyedTurn, partitions);
        }
        int home = Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
        if (key == null || !hotCampaigns.contains(key.toString())) {
            return home;
        }
        int spread = Math.min(hotPartitions, partitions);
        return (home + next(turns.computeIfAbsent(key.toString(), k -> new AtomicInteger()), spread)) % partitions;
    }

    private static int next(AtomicInteger turn, int bound) {
        return Utils.toPositive(turn.getAndIncrement()) % bound;
    }

    @Override
    public void close() {
    }
}
