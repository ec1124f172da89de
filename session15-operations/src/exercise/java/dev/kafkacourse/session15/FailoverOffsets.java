package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 3 (stretch): move a consumer group to the target cluster of a MirrorMaker 2 mirror, so that it neither
 * skips records nor reads everything again. See the guide, section "연습 3".
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
        throw new UnsupportedOperationException(
                "TODO: find where the group must start in each partition of the mirrored topic and commit it there");
    }
}
