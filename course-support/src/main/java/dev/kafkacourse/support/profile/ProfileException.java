package dev.kafkacourse.support.profile;

/** A connection profile that cannot work; the message names the setting and the fix. */
public class ProfileException extends IllegalArgumentException {
    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
