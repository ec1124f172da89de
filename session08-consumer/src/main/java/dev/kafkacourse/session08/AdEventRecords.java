package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records the way the pipeline's collector does: key = campaignId, record timestamp = event time,
 * value = the JSON bytes (or, for a malformed record, the broken bytes as they came in).
 */
public final class AdEventRecords {

    private AdEventRecords() {
    }

    /**
     * The producer this session's labs and tests send with. One request in flight per connection: a topic that was
     * just created can refuse the first batch (NOT_LEADER_OR_FOLLOWER) while accepting the next ones, and an
     * idempotent producer then cannot place the first batch any more and gives up on it after
     * {@code delivery.timeout.ms}. With one request in flight, the later batches wait for the first one's retry.
     */
    public static KafkaProducer<String, byte[]> producer(KafkaFixture kafka) {
        return kafka.producer(Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, GeneratedRecord record) {
        Long timestamp = record.event() == null ? null : record.event().timestamp();
        return new ProducerRecord<>(topic, null, timestamp, record.key(), record.value());
    }

    /**
     * Sends every record and waits until the broker has acknowledged all of them. A record that could not be
     * written fails the call: a count checked against the generator is only meaningful if everything arrived.
     */
    public static void sendAll(Producer<String, byte[]> producer, String topic, List<GeneratedRecord> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        records.forEach(record -> sends.add(producer.send(toRecord(topic, record))));
        producer.flush();
        int failed = 0;
        Throwable firstCause = null;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                failed++;
                firstCause = firstCause == null ? e.getCause() : firstCause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending to " + topic, e);
            }
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + records.size() + " records could not be written to "
                    + topic + ": " + firstCause, firstCause);
        }
    }
}
