package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;

/**
 * Exercise 2: move a consumer group to the target cluster after the source cluster is lost. The group's position
 * on the source is an offset of the source topic; the mirrored topic on the target has its own offsets (no
 * transaction markers, a different first offset after retention), so the position must be translated through the
 * checkpoints MirrorMaker 2 wrote, then committed for the group on the target before its consumers start there.
 */
public final class FailoverOffsets {

    private FailoverOffsets() {
    }

    /**
     * Commits, for {@code group} on the target cluster, the offsets its source-cluster position translates to, and
     * returns them (keyed by the mirrored topic's partitions).
     *
     * @param source             Admin of the source cluster (may be unreachable in a real failover)
     * @param target             Admin of the target cluster
     * @param targetClientConfig client settings of the target cluster (bootstrap servers, security)
     * @param sourceAlias        the source cluster's alias in MirrorMaker 2's configuration, e.g. "A"
     */
    public static Map<TopicPartition, OffsetAndMetadata> failOver(Admin source, Admin target,
            Map<String, Object> targetClientConfig, String sourceAlias, String group, Duration timeout) {
        try {
            Map<TopicPartition, OffsetAndMetadata> translated = RemoteClusterUtils.translateOffsets(
                    targetClientConfig, sourceAlias, group, timeout);
            if (translated.isEmpty()) {
                throw new IllegalStateException("No checkpoint for group " + group + " from " + sourceAlias
                        + " on the target cluster yet: is MirrorMaker 2 mirroring this group?");
            }
            target.alterConsumerGroupOffsets(group, translated).all().get();
            return translated;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not commit the translated offsets of " + group + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Reading the checkpoints of " + group + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during failover of " + group, e);
        }
    }
}
