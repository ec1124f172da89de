package dev.kafkacourse.session15;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Makes a laptop cluster as busy as a production one while a broker is down: right after each stop it writes
 * {@code backlogBytes} to a throttled side topic, so the restarted broker has that much to copy before it is back
 * in the ISR. A production broker that was down for a minute has gigabytes to copy; without this a laptop broker
 * would be back in sync before anyone could look. Wraps the brokers a procedure is given; changes nothing it does.
 */
public final class BusyWhileDown implements BrokerRestarter {

    private static final int RECORD_BYTES = 1_000;

    private final BrokerRestarter brokers;
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int records;
    private final String payload = "x".repeat(RECORD_BYTES);

    public BusyWhileDown(BrokerRestarter brokers, KafkaProducer<String, String> producer, String topic,
            int backlogBytes) {
        this.brokers = brokers;
        this.producer = producer;
        this.topic = topic;
        this.records = backlogBytes / RECORD_BYTES;
    }

    @Override
    public List<Integer> brokerIds() {
        return brokers.brokerIds();
    }

    /**
     * Settings for the filler producer: the backlog only has to exist, so a write that fails (a batch that stalls
     * during a leader move) is skipped after a few seconds instead of holding the procedure up or failing it.
     */
    public static Map<String, Object> fillerProducer() {
        return Map.of("acks", "1", "enable.idempotence", "false", "linger.ms", 5, "delivery.timeout.ms", 10_000,
                "request.timeout.ms", 5_000);
    }

    @Override
    public void stop(int brokerId) {
        brokers.stop(brokerId);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            sends.add(producer.send(new ProducerRecord<>(topic, String.valueOf(i), payload)));
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                // Filler only: a lost filler record makes the backlog a little smaller, nothing more.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing the backlog", e);
            }
        }
    }

    @Override
    public void start(int brokerId) {
        brokers.start(brokerId);
    }
}
