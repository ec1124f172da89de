package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 2: move a consumer group to the target cluster after the source cluster is lost, so that it neither
 * skips records nor reads everything again. See the guide, section "연습 2".
 */
public final class FailoverOffsets {

    private FailoverOffsets() {
    }

    /**
     * Commits, for {@code group} on the target cluster, the offsets where its consumers must start reading the
     * mirrored topic, and returns them (keyed by the mirrored topic's partitions).
     *
     * @param source             Admin of the source cluster (may be unreachable in a real failover)
     * @param target             Admin of the target cluster
     * @param targetClientConfig client settings of the target cluster (bootstrap servers, security)
     * @param sourceAlias        the source cluster's alias in MirrorMaker 2's configuration, e.g. "A"
     */
    public static Map<TopicPartition, OffsetAndMetadata> failOver(Admin source, Admin target,
            Map<String, Object> targetClientConfig, String sourceAlias, String group, Duration timeout) {
        throw new UnsupportedOperationException(
                "TODO: find where the group must start on the target cluster and commit it there");
    }
}
