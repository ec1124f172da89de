package dev.kafkacourse.session13;

/** Where a campaign is in its life. An ended campaign is still in the table until it is deleted (tombstoned). */
public enum CampaignStatus {
    ACTIVE,
    PAUSED,
    ENDED
}
