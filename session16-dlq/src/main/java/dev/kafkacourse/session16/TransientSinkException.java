package dev.kafkacourse.session16;

/** A sink failed in a way that may pass if tried again (a timeout, a busy database): worth retrying. */
public final class TransientSinkException extends RuntimeException {

    public TransientSinkException(String message) {
        super(message);
    }
}
