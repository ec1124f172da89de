package dev.kafkacourse.session05;

import ch.qos.logback.classic.Level;
import java.util.Map;

/**
 * Turns down what the labs' own Kafka nodes say as a matter of course (a fresh quorum's first activation, a raft
 * client that cannot say goodbye to a quorum that is shutting down with it, followers whose leader just stopped),
 * so the lesson's own output stays readable.
 */
final class LabLogs {

    private static final Map<String, Level> EXPECTED_NOISE = Map.of(
            "org.apache.kafka.controller.QuorumController", Level.ERROR,
            "org.apache.kafka.raft", Level.OFF,
            "kafka.server.ReplicaFetcherThread", Level.ERROR,
            "kafka.server.BrokerLifecycleManager", Level.ERROR,
            "org.apache.kafka.server.util.ShutdownableThread", Level.ERROR);

    private LabLogs() {
    }

    static void quiet() {
        dev.kafkacourse.support.lab.LabLogs.quiet(EXPECTED_NOISE);
    }
}
