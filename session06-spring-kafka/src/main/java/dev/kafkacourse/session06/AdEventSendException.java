package dev.kafkacourse.session06;

/** A send that was not confirmed: the message says which event, which topic, what went wrong and what to check. */
public class AdEventSendException extends RuntimeException {

    public AdEventSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
