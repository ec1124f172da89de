package dev.kafkacourse.session16;

import dev.kafkacourse.support.kafka.Offsets;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Lab 4: the same failing stats store behind a Spring Kafka listener container. {@code DefaultErrorHandler}
 * retries in place with an exponential back-off with jitter, never retries a poison pill, and its
 * {@code DeadLetterPublishingRecoverer} writes the pipeline's dead-letter headers ({@link SpringDeadLetters}).
 */
public final class SpringRetryLab {

    static {
        // Spring logs through commons-logging, which picks Log4j when Kafka's jars bring it along: route it to SLF4J
        // (logback), where the course's logging settings keep the lab's output readable.
        System.setProperty("org.apache.commons.logging.LogFactory", "org.apache.commons.logging.impl.Slf4jLogFactory");
    }

    private SpringRetryLab() {
    }

    record Result(long accepted, long expectedAccepted, List<DeadLetter> deadLetters, long expectedDeadLetters,
            String sourceTopic, Map<String, Long> byReason) {
    }

    public static void main(String[] args) {
        LabRunner.run("session16 spring-retries", SpringRetryLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(162).impressions(200).campaigns(5)
                .clickThroughRate(0.1).malformedRate(0.01).build().generate();
        long broken = traffic.records().stream().filter(r -> !r.isMalformed() && RetryLab.BROKEN.test(r.event())).count();
        long malformed = traffic.count(GeneratedRecord.Kind.MALFORMED);
        long expectedAccepted = traffic.records().size() - malformed - broken;
        String topic = kafka.createTopic("ad-events", 3);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, 1);
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()),
                traffic.records().stream().map(r -> AdEventRecords.toRecord(topic, r)).toList());
        out.printf("Traffic: %,d records; c-002 clicks fail twice then pass, c-004 clicks (%d) always fail, %d malformed%n",
                traffic.records().size(), broken, malformed);

        CountingSink sink = new CountingSink().failFirst(2, RetryLab.FLAKY).failAlways(RetryLab.BROKEN);
        AdEventValidator validator = new AdEventValidator(Set.of("c-001", "c-002", "c-003", "c-004", "c-005"));
        String group = kafka.groupId("spring-ad-stats");

        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                kafka.producerConfig(), new StringSerializer(), new ByteArraySerializer());
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
        ExponentialBackOff backOff = new ExponentialBackOff(10, 2);
        backOff.setMaxInterval(100);
        backOff.setJitter(5);
        backOff.setMaxAttempts(RetryLab.MAX_ATTEMPTS - 1);   // retries after the first delivery
        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumerConfig(group));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The error handler retries by seeking back; the consumer then waits for its fetch already in flight at the
        // end of the log, up to fetch.max.wait.ms (500 ms by default), before every retry.
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setDeliveryAttemptHeader(true);
        properties.setPollTimeout(100);
        properties.setMessageListener((MessageListener<String, byte[]>) record ->
                sink.accept(validator.validate(record.value())));
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()),
                properties);
        container.setCommonErrorHandler(SpringDeadLetters.errorHandler(template, dlq, group, backOff,
                Clock.systemUTC()));
        long start = System.nanoTime();
        container.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.accepted() < expectedAccepted || dlqSize(kafka, dlq) < broken + malformed
                    || !ReadToEnd.committed(kafka.admin(), group, topic).equals(Offsets.end(kafka.admin(), topic))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The container did not finish: accepted " + sink.accepted());
                }
                Thread.sleep(100);   // the container polls on its own thread; this only checks its progress
            }
        } finally {
            container.stop();
            producers.destroy();
        }
        List<DeadLetter> letters = RetryLab.readDlq(kafka, dlq);
        Map<String, Long> byReason = new TreeMap<>();
        letters.forEach(l -> byReason.merge(l.reason() + " after " + l.attempts() + " attempt(s)", 1L, Long::sum));
        out.printf("Spring DefaultErrorHandler (%d deliveries at most, 10 ms ×2 up to 100 ms, jitter): counted %,d of "
                + "%,d, %,d ms%n", RetryLab.MAX_ATTEMPTS, sink.accepted(), expectedAccepted,
                (System.nanoTime() - start) / 1_000_000);
        out.printf("  DLQ: %d dead letters (expected %d): %s%n", letters.size(), broken + malformed, byReason);
        out.printf("  committed offsets = end offsets of %s: the recovered records were committed past%n", topic);
        return new Result(sink.accepted(), expectedAccepted, letters, broken + malformed, topic, byReason);
    }

    private static long dlqSize(KafkaFixture kafka, String dlq) {
        return Offsets.end(kafka.admin(), dlq).values().stream().mapToLong(Long::longValue).sum();
    }
}
