package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The HTTP side of a pipeline instance, as standard Spring Boot: the collector, the query API, the dashboard's
 * server-sent events (the page itself is {@code static/index.html}) and, through Boot's actuator,
 * {@code /actuator/prometheus}. No component scan: exactly these beans, wired to the running
 * {@link PipelineInstance}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({PipelineWeb.CollectorApi.class, PipelineWeb.QueryApi.class, PipelineWeb.LiveUpdates.class,
        PipelineWeb.Errors.class})
public class PipelineWeb {

    @org.springframework.context.annotation.Bean
    Collector collector(PipelineInstance pipeline, io.micrometer.core.instrument.MeterRegistry registry) {
        return pipeline.newCollector(registry);
    }

    /** Kafka's own client and Streams metrics on /actuator/prometheus next to the collector's. */
    @org.springframework.context.annotation.Bean
    io.micrometer.core.instrument.binder.MeterBinder kafkaMetrics(PipelineInstance pipeline) {
        return registry -> {
            new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(pipeline.stats().streamsApp().streams())
                    .bindTo(registry);
            new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(pipeline.producer()).bindTo(registry);
        };
    }

    /** {@code POST /events}: one JSON event, or NDJSON (one per line). */
    @RestController
    static class CollectorApi {
        private final Collector collector;

        CollectorApi(Collector collector) {
            this.collector = collector;
        }

        @PostMapping(path = "/events")
        CompletableFuture<ResponseEntity<Map<String, Object>>> collect(@RequestBody(required = false) byte[] body,
                @RequestHeader(name = "Content-Type", defaultValue = "application/json") String contentType) {
            boolean ndjson = contentType.startsWith("application/x-ndjson");
            return collector.collect(body == null ? new byte[0] : body, ndjson).thenApply(outcome -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("accepted", outcome.accepted());
                answer.put("rejected", outcome.rejected());
                if (!outcome.errors().isEmpty()) {
                    answer.put("errors", outcome.errors());
                }
                ResponseEntity.BodyBuilder response = ResponseEntity.status(outcome.status());
                if (outcome.status() == 429 || outcome.status() == 503) {
                    response.header("Retry-After", "1");
                }
                return response.body(answer);
            });
        }
    }

    /** The query API: per campaign and time range, all windows, top-N of the latest window, the dashboard data. */
    @RestController
    static class QueryApi {
        private final PipelineInstance pipeline;

        QueryApi(PipelineInstance pipeline) {
            this.pipeline = pipeline;
        }

        /** {@code local=true}: this instance's store only (how instances ask each other). */
        @GetMapping("/api/campaigns/{campaignId}/stats")
        List<AdStats> campaign(@PathVariable("campaignId") String campaignId, @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to, @RequestParam(name = "local", defaultValue = "false") boolean local) {
            Instant start = from == null ? Instant.now().minus(Dashboard.LOOK_BACK) : Instant.parse(from);
            Instant end = to == null ? Instant.now().plus(Dashboard.LOOK_BACK) : Instant.parse(to);
            return local ? pipeline.queries().localCampaign(campaignId, start, end)
                    : pipeline.queries().campaign(campaignId, start, end);
        }

        @GetMapping("/api/local/windows")
        List<AdStats> localWindows(@RequestParam("from") String from, @RequestParam("to") String to) {
            return pipeline.queries().localWindows(Instant.parse(from), Instant.parse(to));
        }

        /** Per campaign totals over the last hour of windows, with spend against budget. */
        @GetMapping("/api/campaigns")
        List<Dashboard.CampaignRow> campaigns() {
            return pipeline.snapshot().campaigns();
        }

        /** The top {@code n} campaigns of the latest window, by {@code clicks} or {@code spend}. */
        @GetMapping("/api/top")
        List<AdStats> top(@RequestParam(name = "by", defaultValue = "clicks") String by,
                @RequestParam(name = "n", defaultValue = "5") int n) {
            Dashboard.Snapshot snapshot = pipeline.snapshot();
            List<AdStats> latest = pipeline.queries().allWindows(Instant.ofEpochMilli(snapshot.latestWindow()),
                    Instant.ofEpochMilli(snapshot.latestWindow()));
            return switch (by) {
                case "clicks" -> Dashboard.top(latest, java.util.Comparator.comparingLong(AdStats::clicks), n);
                case "spend" -> Dashboard.top(latest, java.util.Comparator.comparingLong(AdStats::spendMicros), n);
                default -> throw new IllegalArgumentException("by must be clicks or spend, was '" + by + "'");
            };
        }

        @GetMapping("/api/dashboard")
        Dashboard.Snapshot dashboard() {
            return pipeline.snapshot();
        }
    }

    /** {@code GET /api/dashboard/stream}: the dashboard's data once a second as server-sent events. */
    @RestController
    static class LiveUpdates implements AutoCloseable {
        private final PipelineInstance pipeline;
        private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-sse");
            t.setDaemon(true);
            return t;
        });

        LiveUpdates(PipelineInstance pipeline) {
            this.pipeline = pipeline;
            ticker.scheduleWithFixedDelay(this::push, 1, 1, TimeUnit.SECONDS);
        }

        @GetMapping(path = "/api/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        SseEmitter stream() {
            SseEmitter emitter = new SseEmitter(0L);
            emitter.onCompletion(() -> emitters.remove(emitter));
            emitter.onTimeout(() -> emitters.remove(emitter));
            emitter.onError(e -> emitters.remove(emitter));
            emitters.add(emitter);
            return emitter;
        }

        private void push() {
            if (emitters.isEmpty()) {
                return;
            }
            Dashboard.Snapshot snapshot;
            try {
                snapshot = pipeline.snapshot();
            } catch (RuntimeException e) {
                return;   // rebalancing or an instance restarting: the page keeps the last figures, next tick retries
            }
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    emitters.remove(emitter);
                }
            }
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            emitters.forEach(SseEmitter::complete);
        }
    }

    @RestControllerAdvice
    static class Errors {
        @ExceptionHandler(StatsUnavailableException.class)
        ResponseEntity<Map<String, String>> unavailable(StatsUnavailableException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(Map.of("error", e.getMessage()));
        }

        @ExceptionHandler({IllegalArgumentException.class, java.time.format.DateTimeParseException.class})
        ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }

        @ExceptionHandler(org.apache.kafka.streams.errors.InvalidStateStoreException.class)
        ResponseEntity<Map<String, String>> storeMoving(RuntimeException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(Map.of("error", "store not queryable now (rebalancing): " + e.getMessage()));
        }
    }
}
