package dev.kafkacourse.session08;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer the aggregator hands to {@link StatsPollLoop}: everything goes to the real consumer except commits,
 * which only mark their offsets as done in {@link PendingOffsets}.
 *
 * <p>The poll loop commits at the end of every turn, once the totals hold the poll: that commit is the loop's word
 * that the work is done. The aggregator keeps the word but decides when it is sent to the broker: after every poll,
 * every {@code commitInterval}, on revocation ({@link CommitOnRevokeListener}) and on close.
 */
final class DoneOffsetsConsumer {

    private DoneOffsetsConsumer() {
    }

    @SuppressWarnings("unchecked")
    static Consumer<String, byte[]> around(Consumer<String, byte[]> consumer, PendingOffsets done) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commitSync") || method.getName().equals("commitAsync")) {
                markDone(consumer, done, args);
                return null;
            }
            try {
                return method.invoke(consumer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Consumer<String, byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, handler);
    }

    /** commitSync/commitAsync with offsets mark those; without offsets, the positions of the last poll. */
    @SuppressWarnings("unchecked")
    private static void markDone(Consumer<?, ?> consumer, PendingOffsets done, Object[] args) {
        Object first = args == null || args.length == 0 ? null : args[0];
        if (first instanceof Map<?, ?> offsets) {
            ((Map<TopicPartition, OffsetAndMetadata>) offsets).forEach(
                    (partition, offset) -> done.processed(partition, offset.offset()));
        } else {
            for (TopicPartition partition : consumer.assignment()) {
                done.processed(partition, consumer.position(partition));
            }
        }
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof OffsetCommitCallback callback) {
                callback.onComplete(first instanceof Map<?, ?> map ? (Map<TopicPartition, OffsetAndMetadata>) map
                        : Map.of(), null);
            }
        }
    }
}
