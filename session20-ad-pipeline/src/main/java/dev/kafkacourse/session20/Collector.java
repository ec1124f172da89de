package dev.kafkacourse.session20;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The collector's logic, apart from HTTP: splits a request into events (one JSON object, or NDJSON: one per
 * line), sends the valid ones through the {@link IntakeGate} and passes each refused line on to {@code ad-events}
 * as it came, so the stats stage's validation puts it on the dead-letter topic with the reason in its headers
 * (one dead-letter path for the whole pipeline, the raw record kept). Refused lines are sent only after the valid
 * ones were accepted: a request answered 429 or 503 is retried whole, and its refused lines must not be
 * dead-lettered twice.
 */
public final class Collector {

    /** One request's outcome; the controller maps it to a status code. */
    public record Outcome(int status, int accepted, int rejected, List<String> errors) {
    }

    private final IntakeGate gate;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter busy;
    private final Counter failed;

    public Collector(IntakeGate gate, Producer<String, byte[]> producer, String topic, MeterRegistry metrics) {
        this.gate = gate;
        this.producer = producer;
        this.topic = topic;
        this.accepted = Counter.builder("collector.events").tag("outcome", "accepted").register(metrics);
        this.rejected = Counter.builder("collector.events").tag("outcome", "rejected").register(metrics);
        this.busy = Counter.builder("collector.events").tag("outcome", "busy").register(metrics);
        this.failed = Counter.builder("collector.events").tag("outcome", "failed").register(metrics);
        metrics.gauge("collector.in.flight", gate, g -> g.inFlight());
    }

    /** {@code body} holds NDJSON when {@code ndjson}, else one JSON object. */
    public CompletableFuture<Outcome> collect(byte[] body, boolean ndjson) {
        List<byte[]> lines = ndjson ? lines(body) : (body.length == 0 ? List.of() : List.of(body));
        if (lines.isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(400, 0, 0, List.of("empty request: send one JSON "
                    + "event (Content-Type: application/json) or one per line (application/x-ndjson)")));
        }
        List<AdEvent> events = new ArrayList<>();
        List<byte[]> refused = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                events.add(AdEventJson.fromBytes(lines.get(i)));
            } catch (SerializationException e) {
                refused.add(lines.get(i));
                errors.add((ndjson ? "line " + (i + 1) + ": " : "") + e.getMessage());
            }
        }
        return gate.submit(events).thenCompose(result -> switch (result.status()) {
            case BUSY -> {
                busy.increment(events.size());
                yield CompletableFuture.completedFuture(new Outcome(429, 0, 0, List.of(result.reason())));
            }
            case FAILED -> {
                failed.increment(events.size());
                yield CompletableFuture.completedFuture(new Outcome(503, 0, 0, List.of(result.reason())));
            }
            case ACCEPTED -> forwardRefused(refused).thenApply(ignored -> {
                accepted.increment(result.accepted());
                rejected.increment(refused.size());
                return new Outcome(events.isEmpty() ? 400 : 202, result.accepted(), refused.size(), errors);
            });
        }).exceptionally(e -> new Outcome(503, 0, 0, List.of("could not pass refused records on: " + e)));
    }

    /** The raw bytes of refused lines, unkeyed (their campaign is unknown), for the stats stage's DLQ branch. */
    private CompletableFuture<Void> forwardRefused(List<byte[]> refused) {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (byte[] raw : refused) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(topic, null, raw), (metadata, error) -> {
                if (error == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(error);
                }
            });
            sends.add(sent);
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                lines.add(trimmed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
