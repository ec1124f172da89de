package dev.kafkacourse.session13;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Exercise 1: the {@code campaigns} topic as a table. Every service that needs campaign metadata (the stats job,
 * the budget checker) reads the topic from the beginning at start-up and builds the current campaign table from it.
 * The topic must be compacted so that this start-up read stays short and complete forever: only the latest version
 * of each campaign is kept, deleted campaigns (tombstones) disappear, and a campaign that has not changed in a year
 * is still there.
 */
public final class CampaignTopic {

    private CampaignTopic() {
    }

    /**
     * Topic configs for {@code campaigns}.
     * <ul>
     *   <li>Compacted, and only compacted: retention must never delete a current campaign, however old.</li>
     *   <li>A segment rolls once its records span more than {@code segmentRoll} (the active segment is never
     *       cleaned, so it has to roll for compaction to happen).</li>
     *   <li>A tombstone stays readable for {@code tombstoneRetention} after the cleaning that first kept it.</li>
     *   <li>Records are cleanable as soon as they are out of the active segment, and the cleaner starts once
     *       a small share of the log (at most 10%) is dirty.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code segmentRoll} is not at least 1 ms or {@code tombstoneRetention} is
     *                                  negative; the message names the parameter
     */
    public static Map<String, String> topicConfigs(Duration segmentRoll, Duration tombstoneRetention) {
        // TODO: return the cleanup.policy, segment.ms, delete.retention.ms, min.compaction.lag.ms and
        //  min.cleanable.dirty.ratio settings described above.
        throw new UnsupportedOperationException("TODO session13 exercise 1: implement CampaignTopic.topicConfigs");
    }

    /**
     * Reads {@code topic} from the beginning of every partition up to the end offsets as they are when the call
     * starts, and returns the campaign table: for each key the value of its latest record, without the keys whose
     * latest record is a tombstone (null value). Does not wait for newer records, and does not depend on the
     * consumer's group, committed offsets or {@code auto.offset.reset}.
     *
     * @param consumer a consumer that is neither subscribed nor assigned; values are {@link Campaign} (null for a
     *                 tombstone)
     */
    public static Map<String, Campaign> readTable(Consumer<String, Campaign> consumer, String topic) {
        // TODO: assign all partitions (partitionsFor), seekToBeginning, take endOffsets, poll until every position
        //  has reached its end offset, applying each record to a map (null value = remove the key).
        throw new UnsupportedOperationException("TODO session13 exercise 1: implement CampaignTopic.readTable");
    }
}
