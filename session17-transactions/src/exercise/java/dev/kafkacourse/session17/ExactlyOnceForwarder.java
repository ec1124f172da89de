package dev.kafkacourse.session17;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Exercise 1 (core): forward every valid ad event from {@code ad-events} to a clean topic exactly once, through
 * crashes, restarts and failed transactions.
 *
 * <p>The test builds the clients from your two config methods, calls {@code initTransactions()} and
 * {@code subscribe(...)}, then calls {@link #forwardOnce} again and again. It makes transactions fail, "crashes"
 * the instance at awkward moments (the clients are dropped without closing anything) and starts a new instance
 * with the same instance name. Afterwards every valid event must be on the output topic exactly once, as
 * {@code read_committed} readers see it.
 */
public final class ExactlyOnceForwarder {

    private ExactlyOnceForwarder() {
    }

    /**
     * The consumer settings: everything in {@code base} (bootstrap servers, security) plus the group, and whatever
     * makes this consumer right for an exactly-once job. Keep the entries of {@code base}.
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> base, String groupId) {
        throw new UnsupportedOperationException("TODO: the consumer config of an exactly-once job "
                + "(group, which records it may read, who commits offsets)");
    }

    /**
     * The producer settings: everything in {@code base} plus what makes the producer transactional. The instance
     * restarted after a crash is called with the same {@code instanceName}.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> base, String instanceName) {
        throw new UnsupportedOperationException("TODO: the producer config of instance " + instanceName
                + " (a transactional producer)");
    }

    /**
     * One poll in one transaction: forward the valid events (key campaignId, value the event's JSON as
     * {@code AdEventJson.toJson} writes it), skip the malformed records, and commit the consumed offsets in the
     * same transaction. Return the number of events forwarded (0 for an empty poll, without a transaction).
     * If anything fails before the commit went through: abort the transaction, put the consumer back to the
     * first offset of this batch in every partition, and rethrow.
     */
    public static int forwardOnce(Consumer<String, byte[]> consumer, Producer<String, String> producer,
            String outputTopic) {
        throw new UnsupportedOperationException("TODO: poll, then forward the batch and commit its offsets in one "
                + "transaction");
    }
}
