// Known-wrong answer: turns heap.opts into KAFKA_HEAP_OPTS, which the image gives to the JVM instead of writing it as a property
package dev.kafkacourse.session05;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;


public final class KafkaImageEnv {

    private static final Pattern EXPRESSIBLE = Pattern.compile("[a-z0-9._-]+");
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
            environment.put(variable, serverProperties.getProperty(name));
        }
        return environment;
    }
}
