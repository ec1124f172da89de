package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Exercise 1: impressions and clicks counted per event type, on the custom container factory
 * ({@link CustomContainerConfig#BATCH_MANUAL_ACK}: 3 consumer threads, batch listener, {@code AckMode.MANUAL}).
 * With manual acknowledgement the listener decides when a batch is done: offsets are committed only for records
 * that were counted, so a restarted app neither skips nor counts anything twice.
 *
 * <p>Not a {@code @Component}: a test adds the class to the app's context ({@link AdStatsApp#start}).
 */
public class TypeCountingListener {

    /** The listener container's id. */
    public static final String ID = "type-counter";

    /**
     * Receives one poll's records of one consumer thread. Make it a {@code @KafkaListener} with id {@link #ID}, topics
     * {@code "${adstats.topics.events}"}, group id {@code "${adstats.groups.type-counter}"} and container factory
     * {@link CustomContainerConfig#BATCH_MANUAL_ACK}.
     *
     * <p>Counts every record by its event type, then acknowledges the batch. A record whose value could not be
     * deserialized arrives with a {@code null} value (the reason is in the
     * {@code SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER} header): it is counted as malformed, logged with
     * its partition and offset, and acknowledged with the rest, so it never blocks the partition. Called from several
     * consumer threads at once.
     */
    public void onBatch(List<ConsumerRecord<String, AdEvent>> records, Acknowledgment acknowledgment) {
        // TODO session06 exercise 1: annotate this method with @KafkaListener (see the javadoc), count each record's
        //  type in thread-safe counters (a null value is malformed), then acknowledgment.acknowledge().
        throw new UnsupportedOperationException("TODO session06 exercise 1: implement TypeCountingListener.onBatch");
    }

    /** The counts so far, with an entry for every {@link EventType} (0 if none seen). */
    public Map<EventType, Long> counts() {
        throw new UnsupportedOperationException("TODO session06 exercise 1: implement TypeCountingListener.counts");
    }

    /** Records that were not valid ad events. */
    public long malformed() {
        throw new UnsupportedOperationException("TODO session06 exercise 1: implement TypeCountingListener.malformed");
    }
}
