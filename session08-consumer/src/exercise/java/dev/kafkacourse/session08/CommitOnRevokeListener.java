package dev.kafkacourse.session08;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Exercise 2: a rebalance listener that hands partitions over cleanly. A member that commits on a timer (or whose
 * last commit failed because the group was rebalancing) holds work that is counted but not committed. When a
 * partition is taken away, its next owner starts at the last committed offset: unless that work is committed
 * first, the next owner counts it again.
 *
 * <p>The listener runs inside {@code consumer.poll()} on the polling thread, so it may use the consumer.
 */
public final class CommitOnRevokeListener implements ConsumerRebalanceListener {

    private final Consumer<?, ?> consumer;
    private final PendingOffsets pending;

    /**
     * @param consumer the consumer this listener is subscribed with
     * @param pending  the counted-but-uncommitted offsets the poll loop maintains
     */
    public CommitOnRevokeListener(Consumer<?, ?> consumer, PendingOffsets pending) {
        this.consumer = consumer;
        this.pending = pending;
    }

    /** Nothing to do: a newly assigned partition starts at its committed offset. */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    }

    /**
     * The partitions are about to move, and this member still owns them: commit synchronously the pending offsets
     * of these partitions (only these; a partition without pending work needs no commit, and none at all means no
     * commit call), then forget them in {@code pending}.
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // TODO: commit the counted work of exactly these partitions, waiting until the broker has it; then forget it.
        throw new UnsupportedOperationException(
                "TODO session08 exercise 2: implement CommitOnRevokeListener.onPartitionsRevoked");
    }

    /**
     * The partitions were lost (this member was thrown out of the group) and may already belong to another
     * member: do NOT commit, a commit now could overwrite the new owner's progress. Just forget their pending
     * offsets. (The interface's default would call {@link #onPartitionsRevoked}, which commits.)
     */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // TODO: forget the pending offsets of these partitions, without committing.
        throw new UnsupportedOperationException(
                "TODO session08 exercise 2: implement CommitOnRevokeListener.onPartitionsLost");
    }
}
