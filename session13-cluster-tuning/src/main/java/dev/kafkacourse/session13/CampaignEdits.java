package dev.kafkacourse.session13;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A day in the campaign service: campaigns created, budgets raised, one paused, one ended and deleted. Each edit is
 * published to {@code campaigns} with key = campaign id and the edit's time as the record timestamp; a deletion is
 * a tombstone (null value).
 */
public final class CampaignEdits {

    /** One write to the campaigns topic; {@code campaign == null} is a tombstone for {@code key}. */
    public record Edit(String key, Campaign campaign, long timestamp) {

        public ProducerRecord<String, Campaign> toRecord(String topic) {
            return new ProducerRecord<>(topic, null, timestamp, key, campaign);
        }
    }

    private CampaignEdits() {
    }

    /** The day's edits, {@code gap} apart from {@code start}. The last edit creates a campaign never seen before. */
    public static List<Edit> day(Instant start, Duration gap) {
        Campaign winter = new Campaign("c-001", "Winter sale", 50_000_000, CampaignStatus.ACTIVE);
        Campaign install = new Campaign("c-002", "App install", 20_000_000, CampaignStatus.ACTIVE);
        Campaign video = new Campaign("c-003", "Brand video", 80_000_000, CampaignStatus.ACTIVE);
        Campaign spring = new Campaign("c-004", "Spring teaser", 30_000_000, CampaignStatus.ACTIVE);
        List<Campaign> versions = new ArrayList<>(List.of(
                winter,
                install,
                video,
                winter.withBudget(75_000_000),
                install.withStatus(CampaignStatus.PAUSED),
                video.withStatus(CampaignStatus.ENDED)));
        List<Edit> edits = new ArrayList<>();
        for (Campaign version : versions) {
            edits.add(new Edit(version.id(), version, start.plus(gap.multipliedBy(edits.size())).toEpochMilli()));
        }
        edits.add(new Edit("c-003", null, start.plus(gap.multipliedBy(edits.size())).toEpochMilli()));
        edits.add(new Edit("c-001", winter.withBudget(100_000_000),
                start.plus(gap.multipliedBy(edits.size())).toEpochMilli()));
        edits.add(new Edit("c-004", spring, start.plus(gap.multipliedBy(edits.size())).toEpochMilli()));
        return edits;
    }

    /**
     * The campaign table {@link #day} leaves behind: c-001 with its last budget, c-002 paused, c-004; c-003 was
     * deleted. Spelled out rather than computed, so it is the story's expected result, not a second reader.
     */
    public static Map<String, Campaign> tableAfterDay() {
        Map<String, Campaign> table = new LinkedHashMap<>();
        table.put("c-001", new Campaign("c-001", "Winter sale", 100_000_000, CampaignStatus.ACTIVE));
        table.put("c-002", new Campaign("c-002", "App install", 20_000_000, CampaignStatus.PAUSED));
        table.put("c-004", new Campaign("c-004", "Spring teaser", 30_000_000, CampaignStatus.ACTIVE));
        return table;
    }

    /** Sends the edits one request at a time, so each lands in the segment its timestamp decides. */
    public static void publish(Producer<String, Campaign> producer, String topic, List<Edit> edits) {
        for (Edit edit : edits) {
            try {
                producer.send(edit.toRecord(topic)).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not publish " + edit + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing campaign edits", e);
            }
        }
    }
}
