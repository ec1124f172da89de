package dev.kafkacourse.session01;

/** A log line that is not a valid ad event; the message says what is wrong, so it can go to a dead-letter topic. */
public class MalformedLogLineException extends RuntimeException {
    public MalformedLogLineException(String reason) {
        super(reason);
    }
}
