package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import java.time.Instant;
import java.util.List;

/** This instance's own windowed store, e.g. session 19's {@code AdStatsApp::query}. */
@FunctionalInterface
public interface LocalStats {

    List<AdStats> query(String campaignId, Instant from, Instant to);
}
