package dev.kafkacourse.session16;

/** One attempt at something that may fail, e.g. writing an event to a sink. */
@FunctionalInterface
public interface RetryableAction {
    void run() throws Exception;
}
