package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab 2: a stats store that fails. Clicks of campaign c-002 fail twice and then pass (a timeout); clicks of c-004
 * always fail (the store rejects them until someone fixes it). The same traffic runs twice:
 * <ol>
 *   <li>blocking retries: exponential backoff with jitter, in place; the partition waits while a record retries;</li>
 *   <li>non-blocking retries through retry topics with plain clients: the main consumer hands failing records to
 *       {@code retry-300ms}, then {@code retry-1s}, and moves on; a {@link DelayQueueConsumer} retries them when
 *       due.</li>
 * </ol>
 * Either way every event is counted or dead-lettered with its attempt count; malformed records are never retried.
 */
public final class RetryLab {

    static final Predicate<AdEvent> FLAKY = event -> event.campaignId().equals("c-002") && event.isClick();
    static final Predicate<AdEvent> BROKEN = event -> event.campaignId().equals("c-004") && event.isClick();
    static final int MAX_ATTEMPTS = 4;

    private RetryLab() {
    }

    /** One run: what was counted and what ended in the DLQ. */
    record Run(String name, long accepted, long expectedAccepted, long sinkFailures, List<DeadLetter> deadLetters,
            long expectedDeadLetters, long millis, String sourceTopic) {

        Map<String, Long> attemptsByReason() {
            Map<String, Long> result = new TreeMap<>();
            deadLetters.forEach(letter -> result.merge(letter.reason() + " after " + letter.attempts() + " attempt(s)",
                    1L, Long::sum));
            return result;
        }
    }

    record Result(Run blocking, Run nonBlocking) {
    }

    public static void main(String[] args) {
        LabRunner.run("session16 retries", RetryLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(161).impressions(300).campaigns(5)
                .clickThroughRate(0.1).malformedRate(0.01).build().generate();
        long broken = traffic.records().stream().filter(r -> !r.isMalformed() && BROKEN.test(r.event())).count();
        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        long expectedAccepted = traffic.records().size() - malformed - broken;
        out.printf("Traffic: %,d records; c-002 clicks fail twice then pass, c-004 clicks (%d) always fail, %d malformed%n%n",
                traffic.records().size(), broken, malformed);

        Run blocking = blocking(kafka, out, traffic, expectedAccepted, broken + malformed);
        Run nonBlocking = nonBlocking(kafka, out, traffic, expectedAccepted, broken + malformed);
        return new Result(blocking, nonBlocking);
    }

    private static Run blocking(KafkaFixture kafka, PrintStream out, GeneratedEvents traffic, long expectedAccepted,
            long expectedDead) {
        String topic = send(kafka, traffic);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, 1);
        CountingSink sink = new CountingSink().failFirst(2, FLAKY).failAlways(BROKEN);
        RetryPolicy policy = RetryPolicy.exponential(MAX_ATTEMPTS, Duration.ofMillis(10), 2, Duration.ofMillis(100),
                0.5, 16);
        AdEventProcessor processor = new AdEventProcessor(validator(), sink, policy, Sleeper.REAL);
        long start = System.nanoTime();
        try (DeadLetterConsumer consumer = new DeadLetterConsumer(kafka.consumerConfig(kafka.groupId("blocking")),
                kafka.producerConfig(), topic, processor, dlq)) {
            consumer.pollUntil(() -> consumer.processed() + consumer.deadLettered() >= traffic.records().size(),
                    Duration.ofSeconds(60));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Run run = new Run("blocking", sink.accepted(), expectedAccepted, sink.failures(), readDlq(kafka, dlq),
                expectedDead, millis, topic);
        print(out, run, "Blocking retries (" + MAX_ATTEMPTS + " attempts, 10 ms ×2 up to 100 ms, jitter 50%): the "
                + "partition waits while a record is retried");
        return run;
    }

    private static Run nonBlocking(KafkaFixture kafka, PrintStream out, GeneratedEvents traffic,
            long expectedAccepted, long expectedDead) throws Exception {
        String topic = send(kafka, traffic);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, 1);
        List<RetryTopics.Level> levels = List.of(
                new RetryTopics.Level(kafka.createTopic("ad-events-retry-300ms", 1), Duration.ofMillis(300)),
                new RetryTopics.Level(kafka.createTopic("ad-events-retry-1s", 1), Duration.ofSeconds(1)));
        CountingSink sink = new CountingSink().failFirst(2, FLAKY).failAlways(BROKEN);
        AdEventValidator validator = validator();
        RecordProcessor once = record -> sink.accept(validator.validate(record.value()));
        String group = kafka.groupId("non-blocking");
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        RetryTopics retryTopics = new RetryTopics(levels, producer, new DeadLetterTarget(dlq, group));

        long start = System.nanoTime();
        long mainDone;
        try (DeadLetterConsumer main = new DeadLetterConsumer(kafka.consumerConfig(group), kafka.producerConfig(),
                topic, retryTopics.firstAttempt(once), dlq);
             DelayQueueConsumer retries = new DelayQueueConsumer(kafka.consumerConfig(group + "-retry"),
                     retryTopics.delays(), once, retryTopics::failed, Clock.systemUTC())) {
            main.pollUntil(() -> main.processed() + main.deadLettered() >= traffic.records().size(),
                    Duration.ofSeconds(60));
            mainDone = (System.nanoTime() - start) / 1_000_000;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.accepted() < expectedAccepted || dlqSize(kafka, dlq) < expectedDead) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Retries not done: accepted " + sink.accepted());
                }
                retries.pollOnce();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Run run = new Run("non-blocking", sink.accepted(), expectedAccepted, sink.failures(), readDlq(kafka, dlq),
                expectedDead, millis, topic);
        print(out, run, "Non-blocking retries through " + levels.stream().map(l -> l.delay().toMillis() + " ms")
                .toList() + " retry topics: the main partition never waits");
        out.printf("  the main consumer was through all %,d records after %,d ms; the retries finished after %,d ms%n",
                traffic.records().size(), mainDone, millis);
        DeadLetter exhausted = run.deadLetters().stream().filter(l -> l.reason() == FailureKind.RETRIES_EXHAUSTED)
                .findFirst().orElseThrow();
        out.printf("  a dead letter after the last retry level names the original record %s (not its copy on %s)%n",
                exhausted.origin(), levels.get(1).topic());
        return run;
    }

    private static void print(PrintStream out, Run run, String title) {
        out.println(title);
        out.printf("  counted %,d of %,d countable events (sink failed %,d times), %,d ms%n", run.accepted(),
                run.expectedAccepted(), run.sinkFailures(), run.millis());
        out.printf("  DLQ: %d dead letters (expected %d): %s%n%n", run.deadLetters().size(), run.expectedDeadLetters(),
                run.attemptsByReason());
    }

    private static String send(KafkaFixture kafka, GeneratedEvents traffic) {
        String topic = kafka.createTopic("ad-events", 3);
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()),
                traffic.records().stream().map(r -> AdEventRecords.toRecord(topic, r)).toList());
        return topic;
    }

    private static AdEventValidator validator() {
        List<String> campaigns = new ArrayList<>();
        for (int rank = 1; rank <= 5; rank++) {
            campaigns.add(AdEventGenerator.campaignId(rank));
        }
        return new AdEventValidator(java.util.Set.copyOf(campaigns));
    }

    private static long dlqSize(KafkaFixture kafka, String dlq) {
        return Offsets.end(kafka.admin(), dlq).values().stream().mapToLong(Long::longValue).sum();
    }

    static List<DeadLetter> readDlq(KafkaFixture kafka, String dlq) {
        try (KafkaConsumer<String, byte[]> reader = kafka.consumer(kafka.groupId("dlq-reader"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : ReadToEnd.read(reader, kafka.admin(), dlq,
                    Duration.ofSeconds(30))) {
                letters.add(DeadLetters.read(record));
            }
            return letters;
        }
    }
}
