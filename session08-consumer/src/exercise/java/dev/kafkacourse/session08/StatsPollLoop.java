package dev.kafkacourse.session08;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Exercise 1: the heart of {@code AdStatsAggregator}, one turn of its poll loop. Where the commit goes decides
 * what a failure costs: commit before the totals are updated and a crash loses events; commit after and a crash
 * only repeats the last, uncommitted poll. Applying the whole poll to the store in one step makes even that
 * repetition go away: a poll is either fully counted and committed, or neither.
 */
public final class StatsPollLoop {

    private StatsPollLoop() {
    }

    /**
     * One turn of the loop on a subscribed consumer whose {@code enable.auto.commit} is false.
     *
     * <ol>
     *   <li>{@code consumer.poll(timeout)} once. No records: return {@link PollOutcome#NOTHING} without calling the
     *       sink or committing.</li>
     *   <li>Parse every value with {@code AdEventJson.fromBytes}. A record that is not a valid event (a null value,
     *       or a {@code SerializationException}) is skipped and counted in {@link PollOutcome#skipped()}; it is not
     *       retried.</li>
     *   <li>Add the valid events up per campaign ({@code CampaignStats.EMPTY.plus(event)}, merged with
     *       {@code CampaignStats::plus}) and call {@code sink.apply(delta)} exactly once, if there was at least one
     *       valid event. If {@code apply} throws, let the exception out and commit nothing.</li>
     *   <li>Only after {@code apply} returned, commit synchronously ({@code commitSync}) the offset after the last
     *       record of every partition in this poll ({@code offset + 1}), skipped records included, so they do not
     *       come back.</li>
     * </ol>
     *
     * @return events counted, records skipped, and the offsets committed
     */
    public static PollOutcome pollOnce(Consumer<String, byte[]> consumer, StatsSink sink, Duration timeout) {
        // TODO: poll, count, store, and only then commit (see the steps above).
        throw new UnsupportedOperationException("TODO session08 exercise 1: implement StatsPollLoop.pollOnce");
    }
}
