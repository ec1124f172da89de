// Known-wrong answer: counts a never-committed partition from offset 0, but records before the log start offset were deleted and will never be read
package dev.kafkacourse.session02;

import dev.kafkacourse.support.kafka.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;


public final class GroupLag {

    private GroupLag() {
    }

    public static Map<TopicPartition, Long> lagOf(Admin admin, String groupId, String topic) {
        List<TopicPartition> partitions = Topics.describe(admin, topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(spec(partitions,
                    OffsetSpec.latest())).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = admin.listOffsets(spec(partitions,
                    OffsetSpec.earliest())).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long start = offset == null ? 0L : offset.offset();
                lag.put(partition, latest.get(partition).offset() - start);
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not compute the lag of " + groupId + " on " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Map<TopicPartition, OffsetSpec> spec(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return request;
    }
}
