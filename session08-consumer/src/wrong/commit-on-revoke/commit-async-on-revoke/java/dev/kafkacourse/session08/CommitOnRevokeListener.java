// Known-wrong answer: commits asynchronously on revocation, so the partition may move before the commit arrives and its next owner counts the work again
package dev.kafkacourse.session08;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A learner's answer to exercise 2 with a classic mistake (see the first line). */
public final class CommitOnRevokeListener implements ConsumerRebalanceListener {

    private final Consumer<?, ?> consumer;
    private final PendingOffsets pending;

    public CommitOnRevokeListener(Consumer<?, ?> consumer, PendingOffsets pending) {
        this.consumer = consumer;
        this.pending = pending;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = pending.of(partitions);
        try {
            if (!offsets.isEmpty()) {
                consumer.commitAsync(offsets, null);
            }
        } finally {
            // Committed, or the commit failed and the next owner re-reads it: either way it is not ours any more.
            pending.forget(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pending.forget(partitions);
    }
}
