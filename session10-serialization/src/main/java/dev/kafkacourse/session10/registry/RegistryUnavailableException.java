package dev.kafkacourse.session10.registry;

/** The registry cannot be started here; the message says what is missing and how to get it. */
public final class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
