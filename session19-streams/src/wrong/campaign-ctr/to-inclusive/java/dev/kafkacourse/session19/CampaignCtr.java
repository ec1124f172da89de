// Known-wrong answer: passes `to` to fetch() as is: fetch includes both ends, so the window starting at `to` is counted too
package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

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
        CampaignStats total = CampaignStats.EMPTY;
        int windows = 0;
        // fetch() takes window start times and includes both ends: stop 1 ms before `to`.
        try (WindowStoreIterator<CampaignStats> iterator = store.fetch(campaignId, from, to)) {
            while (iterator.hasNext()) {
                total = total.plus(iterator.next().value);
                windows++;
            }
        }
        // The rate of the sums, not the mean of the windows' rates: a quiet minute must not weigh like a busy one.
        return new CtrReport(campaignId, windows, total.impressions(), total.clicks(), total.ctr());
    }
}
