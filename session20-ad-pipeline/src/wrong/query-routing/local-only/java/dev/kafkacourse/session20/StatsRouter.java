// Known-wrong answer: answers every query from the local store: a campaign owned by the other instance comes back empty
package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import dev.kafkacourse.session19.AdStatsConfig;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a query for one campaign wherever its window store lives: each instance holds only the partitions
 * Streams assigned to it, so a key owned by another instance is asked of that instance.
 */
public final class StatsRouter {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStats local;
    private final RemoteStats remote;

    public StatsRouter(KafkaStreams streams, HostInfo self, LocalStats local, RemoteStats remote) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.remote = remote;
    }

    /** The instance whose store holds {@code campaignId} (the active owner of the key's partition). */
    public HostInfo ownerOf(String campaignId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(AdStatsConfig.STATS_STORE, campaignId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new StatsUnavailableException("No instance owns " + campaignId + " right now (rebalancing?)");
        }
        return metadata.activeHost();
    }

    /** {@code campaignId}'s windows starting within [from, to], from this instance's store or from its owner. */
    public List<AdStats> query(String campaignId, Instant from, Instant to) {
        return local.query(campaignId, from, to);
    }
}
