package dev.kafkacourse.support.kafka;

import java.util.Map;

/** A running Kafka cluster, whatever backend runs it. */
public interface KafkaCluster extends AutoCloseable {

    KafkaMode mode();

    String bootstrapServers();

    /** Client settings every client of this cluster needs besides bootstrap servers (e.g. TLS/SASL for MSK). */
    Map<String, Object> clientProperties();

    /** Number of brokers; for an external cluster, the number it reported when connected. */
    int brokerCount();

    /** True where the backend can stop and restart single brokers (embedded only). */
    default boolean supportsBrokerControl() {
        return false;
    }

    /** Stops broker {@code index} (0-based); its log directories and port are kept for {@link #startBroker}. */
    default void stopBroker(int index) {
        throw new UnsupportedOperationException(mode().label() + " clusters cannot stop a single broker");
    }

    /** Starts broker {@code index} again and returns once the controller has unfenced it (it serves requests). */
    default void startBroker(int index) {
        throw new UnsupportedOperationException(mode().label() + " clusters cannot start a single broker");
    }

    /** The broker id (node id) of broker {@code index}, as Admin and metadata report it. */
    default int brokerId(int index) {
        return index;
    }

    /** The index ({@link #stopBroker}, {@link #startBroker}) of the broker whose node id is {@code brokerId}. */
    default int indexOf(int brokerId) {
        for (int i = 0; i < brokerCount(); i++) {
            if (brokerId(i) == brokerId) {
                return i;
            }
        }
        throw new IllegalArgumentException("No broker with id " + brokerId + " in " + describe());
    }

    /** A short description for logs and {@code ./course doctor}. */
    default String describe() {
        return mode().label() + " cluster, " + brokerCount() + " broker(s) at " + bootstrapServers();
    }

    @Override
    void close();
}
