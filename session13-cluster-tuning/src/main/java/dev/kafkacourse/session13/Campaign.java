package dev.kafkacourse.session13;

import java.util.Objects;

/**
 * One row of the campaign table: what the {@code campaigns} topic holds per key (key = {@link #id()}). The topic
 * is compacted, so for each campaign only its latest version is kept; a record with a null value (a tombstone)
 * deletes the campaign.
 *
 * @param id                the campaign id, also the record key, e.g. {@code c-001}
 * @param name              a human-readable name
 * @param dailyBudgetMicros the daily budget in micros of the billing currency (1,000,000 = 1 unit)
 * @param status            whether the campaign currently serves ads
 */
public record Campaign(String id, String name, long dailyBudgetMicros, CampaignStatus status) {

    public Campaign {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A campaign needs an id (the record key), got '" + id + "'");
        }
        Objects.requireNonNull(name, "name of campaign " + id);
        Objects.requireNonNull(status, "status of campaign " + id);
        if (dailyBudgetMicros < 0) {
            throw new IllegalArgumentException("dailyBudgetMicros of campaign " + id + " must not be negative, was "
                    + dailyBudgetMicros);
        }
    }

    public Campaign withBudget(long newDailyBudgetMicros) {
        return new Campaign(id, name, newDailyBudgetMicros, status);
    }

    public Campaign withStatus(CampaignStatus newStatus) {
        return new Campaign(id, name, dailyBudgetMicros, newStatus);
    }
}
