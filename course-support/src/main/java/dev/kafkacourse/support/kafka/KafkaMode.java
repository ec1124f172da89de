package dev.kafkacourse.support.kafka;

import java.util.Locale;

/** Where the course's Kafka comes from. Chosen by {@code -Dkafka.mode} or {@code KAFKA_MODE}. */
public enum KafkaMode {
    /** Real KRaft brokers and controllers inside this JVM (Kafka's own jars). */
    EMBEDDED,
    /** The official {@code apache/kafka} image through Testcontainers. */
    TESTCONTAINERS,
    /** Any running cluster: {@code KAFKA_BOOTSTRAP_SERVERS} plus optional {@code KAFKA_CLIENT_CONFIG}. */
    EXTERNAL;

    public static final String PROPERTY = "kafka.mode";
    public static final String ENV = "KAFKA_MODE";

    /** The mode asked for, or the default: testcontainers where a Docker engine answers, embedded otherwise. */
    public static KafkaMode resolve() {
        return resolve(Settings.get(PROPERTY, ENV), DockerProbe::isDockerAvailable);
    }

    static KafkaMode resolve(String requested, java.util.function.BooleanSupplier dockerAvailable) {
        if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
            return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
        }
        try {
            return valueOf(requested.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new KafkaSettingsException("Unknown Kafka mode '" + requested + "' (from -D" + PROPERTY + " or "
                    + ENV + "). Use one of: embedded, testcontainers, external, or leave it unset for auto.");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
