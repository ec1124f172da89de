package dev.kafkacourse.support.kafka;

import org.apache.kafka.common.utils.AppInfoParser;

/** The Kafka version the course is built on (the kafka-clients jar on the classpath). */
public final class KafkaVersion {
    public static final String VERSION = AppInfoParser.getVersion();

    private KafkaVersion() {
    }
}
