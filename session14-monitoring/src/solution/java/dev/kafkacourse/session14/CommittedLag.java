package dev.kafkacourse.session14;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A group's lag the way {@code kafka-consumer-groups --describe} measures it, with one Admin client. */
public final class CommittedLag {

    private CommittedLag() {
    }

    /**
     * Per partition the group has committed an offset for: the partition's end offset minus the committed offset.
     * Partitions without a commit are left out (the tool shows no lag for them either).
     */
    public static Map<TopicPartition, Long> of(Admin admin, String groupId)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                latest.put(partition, OffsetSpec.latest());
            }
        });
        Map<TopicPartition, Long> lag = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        admin.listOffsets(latest).all().get().forEach((partition, end) ->
                lag.put(partition, Math.max(0, end.offset() - committed.get(partition).offset())));
        return lag;
    }
}
