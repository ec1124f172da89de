package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.CampaignStats;
import java.util.Map;

/**
 * Where an aggregator puts what it counted: one call per poll, with the per-campaign totals of that poll's events.
 * The aggregator commits the poll's offsets only after {@code apply} returned, so an implementation that writes
 * to a database should make one call one transaction: then a batch is either fully counted or not at all.
 */
@FunctionalInterface
public interface StatsSink {

    /**
     * Adds {@code delta} (campaignId → what one poll added) to the running totals. Throws if the totals could not
     * be updated; the caller must then not commit the batch's offsets.
     */
    void apply(Map<String, CampaignStats> delta);
}
