package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exercise 3: TopCampaigns. */
class TopCampaignsTest {

    private static CampaignSummary summary(String campaign, long impressions, long clicks) {
        return new CampaignSummary(campaign, impressions, clicks, impressions == 0 ? 0 : (double) clicks / impressions,
                impressions * 1_000);
    }

    private final List<CampaignSummary> campaigns = List.of(
            summary("c-001", 10_000, 300),   // 3.0 %
            summary("c-002", 5_000, 250),    // 5.0 %
            summary("c-003", 20, 10),        // 50 %, too few impressions to trust
            summary("c-004", 2_000, 100),    // 5.0 %, ties with c-002
            summary("c-005", 8_000, 80),     // 1.0 %
            summary("c-006", 0, 0),
            summary("c-007", 5_000, 270));  // 5.4 %: better than c-002 and c-004 by less than one point

    @Test
    void ranksByCtrAmongCampaignsWithEnoughImpressions() {
        assertThat(TopCampaigns.byCtr(campaigns, 3, 1_000)).extracting(CampaignSummary::campaignId)
                .containsExactly("c-007", "c-002", "c-004");
    }

    @Test
    void thresholdDecidesWhoIsRanked() {
        assertThat(TopCampaigns.byCtr(campaigns, 2, 10)).extracting(CampaignSummary::campaignId)
                .containsExactly("c-003", "c-007");
        assertThat(TopCampaigns.byCtr(campaigns, 10, 2_000)).as("c-004 has exactly the minimum")
                .extracting(CampaignSummary::campaignId).containsExactly("c-007", "c-002", "c-004", "c-001", "c-005");
        assertThat(TopCampaigns.byCtr(campaigns, 10, 6_000)).extracting(CampaignSummary::campaignId)
                .containsExactly("c-001", "c-005");
    }

    @Test
    void fewerCampaignsThanAskedForGivesAllOfThem() {
        assertThat(TopCampaigns.byCtr(campaigns, 100, 0)).hasSize(7).first()
                .extracting(CampaignSummary::campaignId).isEqualTo("c-003");
        assertThat(TopCampaigns.byCtr(List.of(), 5, 0)).isEmpty();
    }
}
