package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.CampaignStats;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A stats store for the labs: counts impressions, clicks and spend per campaign, and can be told to fail like a
 * real downstream system does: the first few tries of some events (a timeout that passes), or every try of
 * others (a store that stays down for them).
 */
public final class CountingSink implements EventSink {

    private final Map<String, CampaignStats> totals = new ConcurrentHashMap<>();
    private final Map<java.util.UUID, Integer> tries = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private Predicate<AdEvent> flaky = event -> false;
    private int flakyFailures;
    private Predicate<AdEvent> broken = event -> false;

    /** Events matching {@code which} fail their first {@code times} tries with a {@link TransientSinkException}. */
    public CountingSink failFirst(int times, Predicate<AdEvent> which) {
        this.flakyFailures = times;
        this.flaky = which;
        return this;
    }

    /** Events matching {@code which} always fail with a {@link TransientSinkException}. */
    public CountingSink failAlways(Predicate<AdEvent> which) {
        this.broken = which;
        return this;
    }

    @Override
    public void accept(AdEvent event) {
        int attempt = tries.merge(event.eventId(), 1, Integer::sum);
        if (broken.test(event) || (flaky.test(event) && attempt <= flakyFailures)) {
            failures.incrementAndGet();
            throw new TransientSinkException("stats store timed out writing " + event.campaignId()
                    + " (try " + attempt + ")");
        }
        totals.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
        accepted.incrementAndGet();
    }

    public SortedMap<String, CampaignStats> snapshot() {
        return new TreeMap<>(totals);
    }

    public long accepted() {
        return accepted.get();
    }

    public long failures() {
        return failures.get();
    }
}
