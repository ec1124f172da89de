package dev.kafkacourse.session15;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.lab.LabLogs;
import java.util.Map;

/**
 * The operations labs stop brokers on purpose: Kafka logs every refused {@code acks=all} write, every producer
 * retry and every connection to a stopped broker. A lab's {@code main} turns those few loggers down so its own
 * output stays readable.
 */
final class Quiet {

    private static final Map<String, Level> EXPECTED_NOISE = Map.of(
            "kafka.server.ReplicaManager", Level.OFF,
            "kafka.server.ReplicaFetcherThread", Level.ERROR,
            "org.apache.kafka.clients.producer.internals.Sender", Level.ERROR,
            "org.apache.kafka.clients.NetworkClient", Level.ERROR,
            "org.apache.kafka.clients.consumer.internals", Level.ERROR);

    private Quiet() {
    }

    static void forBrokerRestarts() {
        LabLogs.quiet(EXPECTED_NOISE);
    }
}
