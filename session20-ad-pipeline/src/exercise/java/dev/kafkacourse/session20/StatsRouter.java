package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a query for one campaign wherever its window store lives: each instance holds only the partitions
 * Streams assigned to it, so a key owned by another instance is asked of that instance.
 */
public final class StatsRouter {

    public StatsRouter(KafkaStreams streams, HostInfo self, LocalStats local, RemoteStats remote) {
        // TODO: keep what ownerOf and query need
    }

    /** The instance whose store holds {@code campaignId} (the active owner of the key's partition). */
    public HostInfo ownerOf(String campaignId) {
        throw new UnsupportedOperationException("TODO: ask Streams which instance owns the key in the stats store");
    }

    /** {@code campaignId}'s windows starting within [from, to], from this instance's store or from its owner. */
    public List<AdStats> query(String campaignId, Instant from, Instant to) {
        throw new UnsupportedOperationException("TODO: answer from the local store when this instance owns the key, "
                + "else ask the owner");
    }
}
