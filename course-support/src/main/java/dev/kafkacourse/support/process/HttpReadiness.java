package dev.kafkacourse.support.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waits until a server the course started (the schema registry, Prometheus) answers 200 on a probe URL, and stops
 * waiting at once if its process exits: a server that crashed during start-up should say so in a second, not after
 * the whole timeout. Callers turn the outcome into their own error, with their own log file in it.
 */
public final class HttpReadiness {

    /** How a wait ended. */
    public enum Outcome { READY, EXITED, TIMED_OUT }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpReadiness() {
    }

    /** Polls {@code probe} until it answers 200, {@code alive} turns false, or {@code timeout} passes. */
    public static Outcome await(URI probe, BooleanSupplier alive, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))   // a starting server: a few probes a second is plenty
                    .failFast("the server process exited", () -> !alive.getAsBoolean())
                    .until(() -> answersOk(probe));
            return Outcome.READY;
        } catch (TerminalFailureException exited) {
            return Outcome.EXITED;
        } catch (ConditionTimeoutException slow) {
            return Outcome.TIMED_OUT;
        }
    }

    private static boolean answersOk(URI probe) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
