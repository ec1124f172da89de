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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 4: what goes wrong, where it is detected, and how it reaches the code. A record too large for the topic is
 * refused by the broker and the callback gets the broker's error on the I/O thread; the same record over the
 * client's {@code max.request.size} never leaves the client; an unknown topic (auto-creation is off, as on MSK)
 * times out after {@code max.block.ms}; an event the serializer rejects makes a plain {@code send()} throw instead
 * of calling the callback. Each error is classified retriable or not, and the producer keeps working after all.
 */
public final class BrokerErrorsLab {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final int MAX_BLOCK_MS = 1_000;

    private BrokerErrorsLab() {
    }

    /** One outcome and the thread its callback ran on. */
    record Observed(SendOutcome outcome, String callbackThread) {
    }

    /** What the lab observed. */
    record Result(Observed brokerTooLarge, Observed clientTooLarge, Observed unknownTopic, Observed invalid,
            Exception plainSendThrew, boolean plainCallbackCalled, SendOutcome goodAfterErrors, SendReport report) {
    }

    public static void main(String[] args) {
        LabRunner.run("session07 broker-errors", BrokerErrorsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        List<AdEvent> events = AdEventGenerator.builder().seed(10).impressions(10).clickThroughRate(0).build()
                .generate().distinctEvents();
        String topic = kafka.createTopic("ad-events", 1, kafka.defaultReplicationFactor(),
                BadEvents.smallMessageLimit());
        AdEvent oversized = BadEvents.oversized(events.get(1));
        out.printf("topic %s: max.message.bytes=%,d; the oversized event is ~%,d bytes%n%n", topic,
                BadEvents.SIZE_LIMIT, BadEvents.OVERSIZED_BYTES);

        Observed brokerTooLarge;
        Observed invalid;
        SendOutcome goodAfterErrors;
        SendReport report;
        try (AdEventProducer producer = new AdEventProducer(kafka.producerConfig(), topic)) {
            out.println("a valid event:          " + producer.sendAndWait(events.get(0), WAIT));

            brokerTooLarge = observe(producer, oversized);
            print(out, "1. over the topic's max.message.bytes (the broker refuses it)", brokerTooLarge);

            invalid = observe(producer, BadEvents.withoutCampaign(events.get(2)));
            print(out, "2. an event the serializer rejects (blank campaignId)", invalid);

            goodAfterErrors = producer.sendAndWait(events.get(3), WAIT);
            out.println("a valid event again:    " + goodAfterErrors);
            report = producer.report();
            out.println("report: " + report);
            out.println();
        }

        Map<String, Object> smallRequests = new HashMap<>(kafka.producerConfig());
        smallRequests.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BadEvents.SIZE_LIMIT);
        Observed clientTooLarge;
        try (AdEventProducer producer = new AdEventProducer(smallRequests, topic)) {
            clientTooLarge = observe(producer, oversized);
            print(out, "3. over the client's max.request.size=" + BadEvents.SIZE_LIMIT
                    + " (never leaves the client)", clientTooLarge);
        }

        Map<String, Object> fastFail = new HashMap<>(kafka.producerConfig());
        fastFail.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        String missing = kafka.topicName("no-such-topic");
        Observed unknownTopic;
        try (AdEventProducer producer = new AdEventProducer(fastFail, missing)) {
            unknownTopic = observe(producer, events.get(4));
            print(out, "4. a topic that does not exist (auto.create.topics.enable=false), max.block.ms="
                    + MAX_BLOCK_MS, unknownTopic);
        }

        // The same rejected event through a plain KafkaProducer: the error is thrown, the callback never runs.
        KafkaProducer<String, AdEvent> plain = kafka.producer(new StringSerializer(), new AdEventSerializer());
        AdEvent blank = BadEvents.withoutCampaign(events.get(5));
        AtomicBoolean callbackCalled = new AtomicBoolean();
        Exception thrown = null;
        try {
            plain.send(new ProducerRecord<>(topic, null, blank.timestamp(), blank.campaignId(), blank),
                    (metadata, exception) -> callbackCalled.set(true));
        } catch (RuntimeException e) {
            thrown = e;
        }
        plain.flush();
        out.printf("5. plain producer.send(record, callback) with that event: threw %s, callback called: %s%n",
                thrown == null ? "nothing" : thrown.getClass().getSimpleName(), callbackCalled.get());
        out.println("   -> error handling needs both: a try/catch around send() and the callback's exception");
        return new Result(brokerTooLarge, clientTooLarge, unknownTopic, invalid, thrown, callbackCalled.get(),
                goodAfterErrors, report);
    }

    private static Observed observe(AdEventProducer producer, AdEvent event) {
        CompletableFuture<Observed> observed = new CompletableFuture<>();
        producer.send(event, outcome -> observed.complete(new Observed(outcome, Thread.currentThread().getName())));
        return observed.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    private static void print(PrintStream out, String title, Observed observed) {
        SendOutcome outcome = observed.outcome();
        out.println(title);
        if (outcome.isFailed()) {
            SendFailure failure = outcome.failure();
            out.printf("   callback after %,d ms on thread '%s'%n", outcome.latency().toMillis(),
                    observed.callbackThread());
            out.printf("   %s %s: %s%n", failure.retriable() ? "RETRIABLE" : "NON-RETRIABLE", failure.error(),
                    failure.reason());
        } else {
            out.println("   " + outcome);
        }
    }
}
