package dev.kafkacourse.session16;

import java.time.Duration;

/** Waits between retries. Injected so a test can record the delays instead of waiting them out. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
