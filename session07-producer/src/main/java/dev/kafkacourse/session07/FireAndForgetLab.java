package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 1: fire-and-forget. {@code send()} only puts the record in the producer's buffer, so the caller's loop is
 * over long before the broker has anything. It is the fastest style, and the blindest: a few oversized events in
 * the stream are refused (here by the producer's {@code max.request.size}) and the plain loop never learns of it.
 * {@link AdEventProducer#fireAndForget} is just as fast but still counts and reports what was not sent.
 */
public final class FireAndForgetLab {

    /** Every this-many-th event is replaced by an oversized one the broker refuses. */
    static final int OVERSIZED_EVERY = 1_000;
    static final int WARM_UP_EVENTS = 3_000;

    private FireAndForgetLab() {
    }

    /** What the lab observed. */
    record Result(int attempted, int oversized, long onTopicPlain, double recordErrorTotal, long onTopicReported,
            SendReport report) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        LabRunner.run("session07 fire-and-forget", (kafka, out) -> run(kafka, out, impressions));
    }

    static Result run(KafkaFixture kafka, PrintStream out, int impressions) {
        List<AdEvent> valid = AdEventGenerator.builder().seed(7).impressions(impressions).campaigns(10).build()
                .generate().distinctEvents();
        List<AdEvent> events = new ArrayList<>(valid);
        int oversized = 0;
        for (int i = OVERSIZED_EVERY - 1; i < events.size(); i += OVERSIZED_EVERY) {
            events.set(i, BadEvents.oversized(events.get(i)));
            oversized++;
        }
        out.printf("%,d ad events, %d of them oversized (~%,d bytes; the producers' max.request.size is %,d)%n%n",
                events.size(), oversized, BadEvents.OVERSIZED_BYTES, BadEvents.SIZE_LIMIT);
        // A client-side limit keeps this lab's output clean: a broker-side rejection in a busy stream also makes the
        // idempotent producer resend the batches behind it (see the broker-errors lab and the guide).
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BadEvents.SIZE_LIMIT);

        // 1. The plain way: producer.send(record) and nothing else.
        String plainTopic = kafka.createTopic("ad-events", 3);
        KafkaProducer<String, AdEvent> plain = kafka.producer(config, new StringSerializer(), new AdEventSerializer());
        warmUp(kafka, plain, valid);
        long start = System.nanoTime();
        for (AdEvent event : events) {
            plain.send(new ProducerRecord<>(plainTopic, null, event.timestamp(), event.campaignId(), event));
        }
        long loop = System.nanoTime() - start;
        plain.flush();
        long total = System.nanoTime() - start;
        long onTopicPlain = LabSupport.recordCount(kafka.admin(), plainTopic);
        double recordErrors = LabSupport.producerMetric(plain.metrics(), "record-error-total");
        out.println("plain producer.send(record), no callback:");
        printTimes(out, events.size(), loop, total);
        out.printf("  records on the topic: %,d of %,d -> %,d lost; the loop saw no error at all%n",
                onTopicPlain, events.size(), events.size() - onTopicPlain);
        out.printf("  the only trace: producer metric record-error-total = %.0f%n%n", recordErrors);

        // 2. The same stream through AdEventProducer.fireAndForget.
        String reportedTopic = kafka.createTopic("ad-events", 3);
        SendReport report;
        try (AdEventProducer producer = new AdEventProducer(config, reportedTopic)) {
            start = System.nanoTime();
            events.forEach(producer::fireAndForget);
            loop = System.nanoTime() - start;
            producer.flush();
            total = System.nanoTime() - start;
            report = producer.report();
        }
        long onTopicReported = LabSupport.recordCount(kafka.admin(), reportedTopic);
        out.println("AdEventProducer.fireAndForget(event):");
        printTimes(out, events.size(), loop, total);
        out.printf("  records on the topic: %,d; report: %s%n", onTopicReported, report);
        report.recentFailures().stream().limit(2).forEach(failure -> out.println("  " + abbreviate(failure)));
        return new Result(events.size(), oversized, onTopicPlain, recordErrors, onTopicReported, report);
    }

    /** The first thousands of sends of a JVM are slow (class loading, JIT): keep them out of both measurements. */
    private static void warmUp(KafkaFixture kafka, KafkaProducer<String, AdEvent> producer, List<AdEvent> events) {
        String topic = kafka.createTopic("warm-up", 1);
        events.stream().limit(WARM_UP_EVENTS).forEach(event -> producer.send(
                new ProducerRecord<>(topic, null, event.timestamp(), event.campaignId(), event)));
        producer.flush();
    }

    private static void printTimes(PrintStream out, int events, long loopNanos, long totalNanos) {
        out.printf("  send() loop returned after %,.0f ms (%.1f us per call)%n", LabSupport.millis(loopNanos),
                loopNanos / 1_000.0 / events);
        out.printf("  flush() returned %,.0f ms later: all answered after %,.0f ms -> %,.0f events/s%n",
                LabSupport.millis(totalNanos - loopNanos), LabSupport.millis(totalNanos),
                Latencies.perSecond(events, totalNanos));
    }

    static String abbreviate(SendFailure failure) {
        String text = failure.toString();
        return text.length() <= 220 ? text : text.substring(0, 217) + "...";
    }
}
