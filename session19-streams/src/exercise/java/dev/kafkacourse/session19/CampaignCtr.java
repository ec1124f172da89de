package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/** Exercise 2 (stretch): a campaign's CTR over a time span, from the ad-stats application's windowed store. */
public final class CampaignCtr {

    private CampaignCtr() {
    }

    /**
     * Sums the campaign's windows that START in [{@code from}, {@code to}) and reports the CTR of the sum. The
     * store is the one of {@link AdStatsTopology}: key = campaignId, one {@link CampaignStats} per window start.
     */
    public static CtrReport over(ReadOnlyWindowStore<String, CampaignStats> store, String campaignId, Instant from,
            Instant to) {
        throw new UnsupportedOperationException("TODO: fetch the campaign's windows starting in [from, to) from the"
                + " store, add them up and report windows, impressions, clicks and the CTR of the totals");
    }
}
