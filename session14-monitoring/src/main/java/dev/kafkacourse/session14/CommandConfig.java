package dev.kafkacourse.session14;

import dev.kafkacourse.support.kafka.KafkaFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The {@code --command-config} file Kafka's command-line tools need on a secured cluster (MSK: TLS, SASL). */
public final class CommandConfig {

    private CommandConfig() {
    }

    /** A properties file with the cluster's client security settings, or empty when there are none. */
    public static Optional<String> file(KafkaFixture kafka) {
        if (kafka.cluster().clientProperties().isEmpty()) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        kafka.cluster().clientProperties().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        try {
            Path file = Files.createTempFile("command-config", ".properties");
            file.toFile().deleteOnExit();
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "client security settings for Kafka's tools");
            }
            return Optional.of(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tools' --command-config file", e);
        }
    }
}
