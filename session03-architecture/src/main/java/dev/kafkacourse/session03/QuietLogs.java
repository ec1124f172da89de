package dev.kafkacourse.session03;

import ch.qos.logback.classic.Level;
import java.util.Map;

/**
 * The failure labs make Kafka log what they provoke on purpose: every refused {@code acks=all} write at ERROR
 * with a stack trace, every producer retry and every connection to a stopped broker at WARN. Those lines would
 * bury the lab's own output, so a lab's {@code main} turns these few loggers down. The broker's warning that it
 * truncates its log after an unclean election stays: it is part of the lesson.
 */
final class QuietLogs {

    private static final Map<String, Level> EXPECTED_NOISE = Map.of(
            "kafka.server.ReplicaManager", Level.OFF,
            "kafka.server.ReplicaFetcherThread", Level.ERROR,
            "kafka.server.DefaultAutoTopicCreationManager", Level.ERROR,
            "org.apache.kafka.clients.producer.internals.Sender", Level.ERROR,
            "org.apache.kafka.clients.consumer.internals", Level.ERROR);

    private QuietLogs() {
    }

    static void forFailureLabs() {
        dev.kafkacourse.support.lab.LabLogs.quiet(EXPECTED_NOISE);
    }
}
