package dev.kafkacourse.session09;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Exercise 1: one campaign ({@code c-001}) gets a third of all ad events. Keyed by campaignId, all of them land in
 * one partition, and the one consumer that owns it falls behind while the others idle. This partitioner spreads
 * the hot campaigns over several partitions and keeps every other campaign exactly where the default partitioner
 * puts it. The price: a hot campaign's events are no longer in one partition, so they are no longer in order, and
 * its per-campaign totals are split over several consumers (see the guide).
 *
 * <p>Set on a producer with {@code partitioner.class} and configured through the producer's own settings:
 * <ul>
 *   <li>{@value #HOT_CAMPAIGNS_CONFIG}: required; comma-separated campaign ids (a String such as
 *       {@code "c-001,c-002"} or a {@code List<String>}); may be empty, then no campaign is hot.</li>
 *   <li>{@value #HOT_PARTITIONS_CONFIG}: required; how many partitions each hot campaign is spread over, an
 *       integer of at least 1 (an Integer or a String such as {@code "3"}).</li>
 * </ul>
 * A missing setting, a value that is not a number, or a number below 1 throws
 * {@link org.apache.kafka.common.config.ConfigException} with the setting's name in the message (Kafka's
 * {@link org.apache.kafka.common.config.ConfigDef} does exactly that).
 *
 * <p>Where a record goes, with {@code n} = the topic's partition count (all partitions, not only the ones that have
 * a leader right now) and {@code home} = the partition the producer's default partitioner picks for the key:
 * <ul>
 *   <li>a key that is not a hot campaign: {@code home};</li>
 *   <li>a hot campaign: one of the {@code s = min(hot.campaign.partitions, n)} partitions {@code home, home + 1,
 *       ..., home + s - 1} (each modulo {@code n}), taking them in turn, so that every {@code s} records of that
 *       campaign go one to each;</li>
 *   <li>a record without a key ({@code keyBytes == null}): every partition in turn.</li>
 * </ul>
 * The producer may call {@link #partition} from several threads at once.
 */
public final class HotCampaignPartitioner implements Partitioner {

    public static final String HOT_CAMPAIGNS_CONFIG = "hot.campaign.ids";
    public static final String HOT_PARTITIONS_CONFIG = "hot.campaign.partitions";

    @Override
    public void configure(Map<String, ?> configs) {
        // TODO: read and check hot.campaign.ids and hot.campaign.partitions (Kafka's ConfigDef can do both).
        throw new UnsupportedOperationException("TODO session09 exercise 1: implement HotCampaignPartitioner.configure");
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        // TODO: home for every key; a hot campaign takes home, home + 1, ... in turn; no key: every partition in turn.
        throw new UnsupportedOperationException("TODO session09 exercise 1: implement HotCampaignPartitioner.partition");
    }

    @Override
    public void close() {
    }
}
