// Known-wrong answer: Stops at the first empty poll instead of at the end offsets: a fetch that is slow to answer ends the read early
package dev.kafkacourse.session13;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

public final class CampaignTopic {

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
        Map<String, Campaign> table = new TreeMap<>();
        while (true) {
            ConsumerRecords<String, Campaign> records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                break;   // nothing more to read
            }
            for (ConsumerRecord<String, Campaign> record : records) {
                if (record.value() == null) {
                    table.remove(record.key());
                } else {
                    table.put(record.key(), record.value());
                }
            }
        }
        return table;
    }
}
