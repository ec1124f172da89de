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
     *                                  {@code -}; or one whose variable name would contain {@code KAFKA_} after
     *                                  the prefix (the image removes every {@code KAFKA_} from a name, e.g.
     *                                  {@code kafka.metrics.reporters})
     */
    public static Map<String, String> environmentFor(Properties serverProperties) {
        // TODO: for each name in serverProperties.stringPropertyNames(): check it, escape it (mind the order of
        //  the replacements), upper-case it, prefix KAFKA_; collect into a TreeMap.
        throw new UnsupportedOperationException("TODO session05 exercise 1: implement KafkaImageEnv.environmentFor");
    }
}
