package dev.kafkacourse.support.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a batch and makes sure all of it arrived. {@code flush()} alone returns even when sends failed: a lab or a
 * test that counts what reached the broker must fail loudly instead of working on fewer records.
 */
public final class Sends {

    private Sends() {
    }

    /**
     * Sends every record, waits for every acknowledgement, and returns how many there were (all of them).
     *
     * @throws IllegalStateException if any record was not written, with how many and the first cause
     */
    public static <K, V> int all(Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        records.forEach(record -> acks.add(producer.send(record)));
        producer.flush();
        int failed = 0;
        Throwable firstCause = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                failed++;
                firstCause = firstCause == null ? e.getCause() : firstCause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            }
        }
        if (failed > 0) {
            String topic = records.isEmpty() ? "?" : records.get(0).topic();
            throw new IllegalStateException(failed + " of " + records.size() + " records could not be written to "
                    + topic + ": " + firstCause, firstCause);
        }
        return records.size();
    }
}
