package dev.kafkacourse.session05;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reference solution of exercise 1. */
public final class KafkaImageEnv {

    private static final Pattern EXPRESSIBLE = Pattern.compile("[a-z0-9._-]+");
    /** Variables the image passes to its launcher (JVM, logging) instead of writing them as properties. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS",
            "KAFKA_JMX_HOSTNAME", "KAFKA_LOG4J_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS",
            "KAFKA_TOOLS_LOG4J_LOGLEVEL", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_VERSION");

    private KafkaImageEnv() {
    }

    public static Map<String, String> environmentFor(Properties serverProperties) {
        Map<String, String> environment = new TreeMap<>();
        for (String name : serverProperties.stringPropertyNames()) {
            if (!EXPRESSIBLE.matcher(name).matches()) {
                throw new IllegalArgumentException("The apache/kafka image cannot set '" + name + "': it lower-cases "
                        + "variable names and knows only letters, digits, '.', '_' and '-'. Mount a server.properties "
                        + "file instead.");
            }
            // Escape '_' first: the '_' that '.' turns into must stay single.
            String variable = "KAFKA_"
                    + name.replace("_", "__").replace("-", "___").replace(".", "_").toUpperCase(Locale.ROOT);
            if (LAUNCHER_VARIABLES.contains(variable)) {
                throw new IllegalArgumentException("The apache/kafka image cannot set '" + name + "': " + variable
                        + " is one of its launcher's variables, never written as a property. Mount a "
                        + "server.properties file instead.");
            }
            environment.put(variable, serverProperties.getProperty(name));
        }
        return environment;
    }
}
