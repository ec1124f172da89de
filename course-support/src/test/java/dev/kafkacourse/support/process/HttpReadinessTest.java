package dev.kafkacourse.support.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpReadinessTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readyOnceTheProbeAnswers200AfterSomeRefusals() throws IOException {
        AtomicInteger probes = new AtomicInteger();
        URI probe = serve(() -> probes.incrementAndGet() < 3 ? 503 : 200);

        assertThat(HttpReadiness.await(probe, () -> true, Duration.ofSeconds(10))).isEqualTo(HttpReadiness.Outcome.READY);
        assertThat(probes).hasValue(3);
    }

    @Test
    void exitedAtOnceWhenTheProcessIsGoneInsteadOfProbingUntilTheTimeOut() throws IOException {
        AtomicInteger probes = new AtomicInteger();
        URI probe = serve(() -> {
            probes.incrementAndGet();
            return 503;
        });

        assertThat(HttpReadiness.await(probe, () -> false, Duration.ofMinutes(5)))
                .isEqualTo(HttpReadiness.Outcome.EXITED);
        assertThat(probes.get()).isLessThanOrEqualTo(1);
    }

    @Test
    void timedOutWhenNothingAnswers200() throws IOException {
        URI probe = serve(() -> 503);

        assertThat(HttpReadiness.await(probe, () -> true, Duration.ofMillis(800)))
                .isEqualTo(HttpReadiness.Outcome.TIMED_OUT);
    }

    private URI serve(java.util.function.IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ready");
    }
}
