// Known-wrong answer: commits the group's source offsets unchanged on the mirrored topic, as if both clusters numbered the records alike
package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 3 (stretch): move a consumer group to the target cluster of a MirrorMaker 2 mirror. The group's position
 * on the source is an offset of the source topic; the mirrored topic on the target numbers the same records
 * differently (no transaction markers, a different first offset after retention), so the position is translated
 * through the checkpoints MirrorMaker 2 wrote on the target. A partition without a checkpoint (the group never
 * committed it on the source) starts at the first record the target holds; then all of it is committed for the
 * group on the target before its consumers start there.
 */
public final class FailoverOffsets {

    private FailoverOffsets() {
    }

    /**
     * Commits, for {@code group} on the target cluster, the offset where its consumers must start in every partition
     * of {@code mirroredTopic}, and returns what it committed (keyed by the mirrored topic's partitions).
     *
     * @param source             Admin of the source cluster (answers in a planned switch-over, not in a disaster)
     * @param target             Admin of the target cluster
     * @param targetClientConfig client settings of the target cluster (bootstrap servers, security)
     * @param sourceAlias        the source cluster's alias in MirrorMaker 2's configuration, e.g. "A"
     * @param mirroredTopic      the topic on the target cluster, e.g. "A.ad-events"
     */
    public static Map<TopicPartition, OffsetAndMetadata> failOver(Admin source, Admin target,
            Map<String, Object> targetClientConfig, String sourceAlias, String group, String mirroredTopic,
            Duration timeout) {
        try {
            // The group's committed offsets on the source, put on the mirrored topic's partitions as they are.
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            source.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
                TopicPartition remote = new TopicPartition(sourceAlias + "." + tp.topic(), tp.partition());
                if (remote.topic().equals(mirroredTopic)) {
                    start.put(remote, new OffsetAndMetadata(o.offset()));
                }
            });
            // No checkpoint: the group never committed that partition on the source. Left without a committed
            // offset, its consumers would start where auto.offset.reset says (latest by default) and skip it all.
            int partitions = target.describeTopics(List.of(mirroredTopic)).allTopicNames().get()
                    .get(mirroredTopic).partitions().size();
            Map<TopicPartition, OffsetSpec> uncheckpointed = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(mirroredTopic, p);
                if (!start.containsKey(tp)) {
                    uncheckpointed.put(tp, OffsetSpec.earliest());
                }
            }
            if (!uncheckpointed.isEmpty()) {
                target.listOffsets(uncheckpointed).all().get()
                        .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
            }
            target.alterConsumerGroupOffsets(group, start).all().get();
            return start;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not move " + group + " to " + mirroredTopic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during failover of " + group, e);
        }
    }
}
