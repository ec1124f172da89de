package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance of the pipeline for one campaign's windows from its own store (over HTTP in the app). */
@FunctionalInterface
public interface RemoteStats {

    List<AdStats> query(HostInfo host, String campaignId, Instant from, Instant to);
}
