package dev.kafkacourse.session09;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Ad events as records on {@code ad-events}: key = campaignId and record timestamp = event time, as in session 02. */
public final class CampaignRecords {

    private CampaignRecords() {
    }

    /** Keyed by campaign: the default partitioner hashes the key, so a campaign always lands in one partition. */
    public static ProducerRecord<String, String> keyed(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), AdEventJson.toJson(event));
    }

    /** Without a key: the producer is free to put the event in any partition. */
    public static ProducerRecord<String, String> unkeyed(String topic, AdEvent event) {
        return new ProducerRecord<>(topic, null, event.timestamp(), null, AdEventJson.toJson(event));
    }

    /**
     * Sends every record, waits for the acknowledgements, and throws if any send failed: a lab that measures where
     * records went must not silently work on fewer of them.
     */
    public static <K, V> void sendAll(Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> first = new AtomicReference<>();
        for (ProducerRecord<K, V> record : records) {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    first.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + records.size() + " sends failed; the first: "
                    + first.get(), first.get());
        }
    }
}
