// Known-wrong answer: Puts a tombstone into the table as a null value instead of removing the key: deleted campaigns stay in the table
package dev.kafkacourse.session13;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

public final class CampaignTopic {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private CampaignTopic() {
    }

    public static Map<String, String> topicConfigs(Duration segmentRoll, Duration tombstoneRetention) {
        if (segmentRoll == null || segmentRoll.toMillis() < 1) {
            throw new IllegalArgumentException("segmentRoll must be at least 1 ms (it becomes segment.ms), was "
                    + segmentRoll);
        }
        if (tombstoneRetention == null || tombstoneRetention.isNegative()) {
            throw new IllegalArgumentException("tombstoneRetention must not be negative (it becomes "
                    + "delete.retention.ms), was " + tombstoneRetention);
        }
        return Map.of(
                // Not "compact,delete": retention would delete campaigns that have simply not changed for a while.
                "cleanup.policy", "compact",
                "segment.ms", String.valueOf(segmentRoll.toMillis()),
                "delete.retention.ms", String.valueOf(tombstoneRetention.toMillis()),
                "min.compaction.lag.ms", "0",
                "min.cleanable.dirty.ratio", "0.1");
    }

    public static Map<String, Campaign> readTable(Consumer<String, Campaign> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("Topic " + topic + " has no partitions (does it exist?)");
        }
        // assign + seekToBeginning: no group, so committed offsets and auto.offset.reset play no part.
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<String, Campaign> table = new HashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + topic + " up to " + end + " within "
                        + READ_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, Campaign> record : consumer.poll(Duration.ofMillis(100))) {
                table.put(record.key(), record.value());
            }
        }
        return table;
    }
}
