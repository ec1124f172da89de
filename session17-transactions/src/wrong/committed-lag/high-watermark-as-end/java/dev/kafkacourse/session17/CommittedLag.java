// Known-wrong answer: asks for the latest offsets without IsolationLevel.READ_COMMITTED: the high watermark counts an open transaction's records as lag no reader can catch up on
package dev.kafkacourse.session17;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Exercise 2: the lag of a read_committed consumer group, and what open transactions hold back. */
public final class CommittedLag {

    private CommittedLag() {
    }

    /** Per partition of {@code topic} (by partition number): committed offset, last stable offset, high watermark. */
    public static Map<Integer, PartitionLag> of(Admin admin, String groupId, String topic)
            throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(specs(partitions, OffsetSpec.latest()))
                .all().get();
        Map<TopicPartition, ListOffsetsResultInfo> high = admin.listOffsets(specs(partitions, OffsetSpec.latest()),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> start = admin.listOffsets(
                specs(partitions, OffsetSpec.earliest())).all().get();
        Map<Integer, PartitionLag> lags = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            long from = offset != null ? offset.offset() : start.get(partition).offset();
            lags.put(partition.partition(), new PartitionLag(from, stable.get(partition).offset(),
                    high.get(partition).offset()));
        }
        return lags;
    }

    private static Map<TopicPartition, OffsetSpec> specs(List<TopicPartition> partitions, OffsetSpec spec) {
        return partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec));
    }
}
