package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Lab 3: synchronous sends. Waiting for each acknowledgement before the next send gives the simplest error
 * handling and the lowest throughput: one record per round trip, plus {@code linger.ms} (5 ms by default since
 * Kafka 4.0) every time. Then a wait that is too short: the answer is "unconfirmed", not "failed", and the record
 * is written anyway.
 */
public final class SyncSendLab {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration SHORT_WAIT = Duration.ofMillis(200);

    private SyncSendLab() {
    }

    /** Sync sends with one {@code linger.ms}. */
    record SyncRun(String linger, int acknowledged, double perSecond, double p50Millis) {
    }

    /** What the lab observed. */
    record Result(List<SyncRun> syncRuns, int asyncSent, double asyncPerSecond, SendOutcome shortWait,
            SendReport afterFlush) {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        LabRunner.run("session07 sync-send", (kafka, out) -> run(kafka, out, events));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int count) {
        List<AdEvent> events = AdEventGenerator.builder().seed(9).impressions(count).clickThroughRate(0)
                .campaigns(10).build().generate().distinctEvents();
        String topic = kafka.createTopic("ad-events", 3);
        out.printf("%,d events, each sendAndWait(event, %d s) before the next:%n", events.size(), WAIT.toSeconds());
        SyncRun byDefault = syncRun(out, kafka.producerConfig(), "default (5)", topic, events);
        Map<String, Object> noLinger = new HashMap<>(kafka.producerConfig());
        noLinger.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        SyncRun unlingered = syncRun(out, noLinger, "0", topic, events);

        long asyncNanos;
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            producer.sendAndWait(events.get(0), WAIT);   // warm-up: metadata and connection, not measured
            long start = System.nanoTime();
            events.forEach(producer::fireAndForget);
            producer.flush();
            asyncNanos = System.nanoTime() - start;
        }
        double asyncRate = Latencies.perSecond(events.size(), asyncNanos);
        out.printf("the same %,d events sent without waiting, then flush(): %,.0f ms -> %,.0f events/s (%.0fx the"
                + " default sync rate)%n%n", events.size(), LabSupport.millis(asyncNanos), asyncRate,
                asyncRate / Math.max(byDefault.perSecond(), 1));

        // A wait shorter than the time the record spends in the buffer: linger.ms holds it back on purpose here,
        // as a slow broker or a full buffer would.
        Map<String, Object> lingering = new HashMap<>(kafka.producerConfig());
        lingering.put(ProducerConfig.LINGER_MS_CONFIG, 2_000);
        SendOutcome shortWait;
        SendReport afterFlush;
        try (AdEventProducer producer = new AdEventProducer(lingering, topic)) {
            producer.sendAndWait(events.get(0), WAIT);   // metadata first, so the short wait measures only the send
            shortWait = producer.sendAndWait(events.get(1), SHORT_WAIT);
            out.printf("linger.ms=2000 and sendAndWait(event, %d ms): %s%n", SHORT_WAIT.toMillis(), shortWait);
            out.printf("  report right after: %s%n", producer.report());
            producer.flush();
            afterFlush = producer.report();
            out.printf("  report after flush(): %s%n", afterFlush);
            out.println("  -> the event was written after all: \"unconfirmed\" is not \"failed\"; a blind resend"
                    + " would have written it twice");
        }
        return new Result(List.of(byDefault, unlingered), events.size(), asyncRate, shortWait, afterFlush);
    }

    private static SyncRun syncRun(PrintStream out, Map<String, Object> config, String linger, String topic,
            List<AdEvent> events) {
        Latencies latencies = new Latencies();
        int acknowledged = 0;
        long nanos;
        try (AdEventProducer producer = new AdEventProducer(config, topic)) {
            producer.sendAndWait(events.get(0), WAIT);   // warm-up: metadata and connection, not measured
            long start = System.nanoTime();
            for (AdEvent event : events) {
                SendOutcome outcome = producer.sendAndWait(event, WAIT);
                latencies.add(outcome.latency().toNanos());
                if (outcome.isSent()) {
                    acknowledged++;
                }
            }
            nanos = System.nanoTime() - start;
        }
        double rate = Latencies.perSecond(acknowledged, nanos);
        out.printf("  linger.ms=%-11s %,d acknowledged in %,6.0f ms -> %,6.0f events/s; latency %s%n", linger,
                acknowledged, LabSupport.millis(nanos), rate, latencies.summary());
        return new SyncRun(linger, acknowledged, rate, latencies.percentileMillis(50));
    }
}
