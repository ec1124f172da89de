package dev.kafkacourse.support.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lesson needs of a cluster: how many brokers and which broker settings differ from the defaults.
 *
 * @param brokers          number of brokers (multi-broker clusters get one separate controller)
 * @param brokerProperties broker settings, e.g. {@code min.insync.replicas=2}
 */
public record ClusterSpec(int brokers, Map<String, String> brokerProperties) {

    public ClusterSpec {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be at least 1, was " + brokers);
        }
        brokerProperties = Map.copyOf(brokerProperties);
    }

    public static ClusterSpec singleBroker() {
        return new ClusterSpec(1, Map.of());
    }

    public static ClusterSpec brokers(int brokers) {
        return new ClusterSpec(brokers, Map.of());
    }

    public ClusterSpec withBrokerProperty(String key, String value) {
        Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
        properties.put(key, value);
        return new ClusterSpec(brokers, properties);
    }

    /** Parses {@code key=value} pairs, as written in {@link KafkaTest#brokerProperties()}. */
    public static ClusterSpec of(int brokers, String... keyValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : keyValues) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new KafkaSettingsException("Broker property '" + pair + "' is not of the form key=value");
            }
            properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new ClusterSpec(brokers, properties);
    }
}
