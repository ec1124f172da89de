package dev.kafkacourse.session05;

import java.util.Map;
import java.util.TreeMap;
import kafka.docker.KafkaDockerWrapper$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the official {@code apache/kafka} image makes of a container's environment: the {@code server.properties}
 * it writes before formatting storage and starting the node. Asks the image's own code,
 * {@code kafka.docker.KafkaDockerWrapper} (shipped in the {@code kafka_2.13} jar), rather than re-implementing
 * its rules: every {@code KAFKA_*} variable except the JVM/logging ones ({@code KAFKA_HEAP_OPTS},
 * {@code KAFKA_OPTS}, ...) becomes a property; {@code CLUSTER_ID} is passed to {@code kafka-storage format}.
 */
public final class KafkaImageConfig {

    private KafkaImageConfig() {
    }

    /** The server properties the image derives from {@code environment}, sorted by name. */
    public static Map<String, String> serverProperties(Map<String, String> environment) {
        scala.collection.immutable.Map<String, String> env =
                scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(environment));
        Map<String, String> properties = new TreeMap<>();
        for (String line : CollectionConverters.asJava(KafkaDockerWrapper$.MODULE$.getServerConfigsFromEnv(env))) {
            int equals = line.indexOf('=');
            properties.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return properties;
    }
}
