package dev.kafkacourse.session05;

import java.util.Map;
import java.util.Properties;

/**
 * Exercise 1: the official {@code apache/kafka} image has no server.properties of yours; it writes one from the
 * container's {@code KAFKA_*} environment variables (that is what the Compose files in {@code docker/} set). To move
 * a broker you configured with a file into Compose, each property becomes a variable.
 */
public final class KafkaImageEnv {

    private KafkaImageEnv() {
    }

    /**
     * The environment variables that make the {@code apache/kafka} image write exactly {@code serverProperties}:
     * for each property, {@code KAFKA_} + its name upper-cased, with {@code .} written as {@code _}, {@code _} as
     * {@code __} and {@code -} as {@code ___} (so {@code node.id} becomes {@code KAFKA_NODE_ID}); the value
     * unchanged. The map is sorted by variable name.
     *
     * @throws IllegalArgumentException naming the property if the image cannot express it: a name with other
     *                                  characters than lower-case letters, digits, {@code .}, {@code _} and
     *                                  {@code -} (the image lower-cases every name); or one whose variable is one
     *                                  the image keeps for its own launcher and never writes as a property:
     *                                  {@code KAFKA_HEAP_OPTS}, {@code KAFKA_OPTS}, {@code KAFKA_JMX_OPTS},
     *                                  {@code KAFKA_JMX_HOSTNAME}, {@code KAFKA_LOG4J_OPTS},
     *                                  {@code KAFKA_LOG4J_ROOT_LOGLEVEL}, {@code KAFKA_LOG4J_LOGGERS},
     *                                  {@code KAFKA_TOOLS_LOG4J_LOGLEVEL}, {@code KAFKA_JVM_PERFORMANCE_OPTS},
     *                                  {@code KAFKA_GC_LOG_OPTS}, {@code KAFKA_VERSION}
     */
    public static Map<String, String> environmentFor(Properties serverProperties) {
        // TODO: for each name in serverProperties.stringPropertyNames(): check it, escape it (mind the order of
        //  the replacements), upper-case it, prefix KAFKA_, refuse the launcher's variables; collect sorted.
        throw new UnsupportedOperationException("TODO session05 exercise 1: implement KafkaImageEnv.environmentFor");
    }
}
