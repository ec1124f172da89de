package dev.kafkacourse.support.kafka;

/** A wrong or missing fixture setting; the message names the setting and how to fix it. */
public class KafkaSettingsException extends RuntimeException {
    public KafkaSettingsException(String message) {
        super(message);
    }

    public KafkaSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
