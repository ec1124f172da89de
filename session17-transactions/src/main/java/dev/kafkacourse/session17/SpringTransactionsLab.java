package dev.kafkacourse.session17;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.CampaignStats;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.transaction.KafkaTransactionManager;

/**
 * Lab: the stats job with Spring Kafka. A listener container with a {@link KafkaTransactionManager} starts a Kafka
 * transaction before calling the listener with a poll's records; the listener's {@link KafkaTemplate} sends join
 * that transaction; after the listener returns, the container sends the consumed offsets to the transaction and
 * commits. When the listener throws, the container aborts the transaction and its after-rollback processor seeks
 * back, so the batch is delivered again and counted once. No Spring context is needed for that: the container,
 * the factories and the template are plain objects (a Boot app gets the same from {@code spring.kafka.*}, with
 * {@code spring.kafka.producer.transaction-id-prefix}).
 */
public final class SpringTransactionsLab {

    private SpringTransactionsLab() {
    }

    /** What the lab observed. */
    record Result(int deliveries, int failedDeliveries, boolean producerTransactional,
            SortedMap<String, CampaignStats> committed, SortedMap<String, CampaignStats> expected) {
    }

    public static void main(String[] args) {
        // The lab fails a batch on purpose: Spring logs the rolled-back transaction and each aborted send with a
        // stack trace. The lab's own lines say what happened.
        LabLogs.quiet(Map.of("org.springframework.kafka", Level.OFF));
        quietLog4j("org.springframework.kafka");
        LabRunner.run("session17 spring-eos", SpringTransactionsLab::run);
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        GeneratedEvents traffic = AdEventGenerator.builder().seed(1702).impressions(400).campaigns(5)
                .malformedRate(0.01).build().generate();
        String input = kafka.createTopic("ad-events", 3);
        String stats = kafka.createTopic("ad-stats-1m", 3);
        KafkaProducer<String, byte[]> sender = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(sender, input, traffic.records());
        String group = kafka.groupId("ad-stats-spring");

        DefaultKafkaProducerFactory<String, String> producerFactory = new DefaultKafkaProducerFactory<>(
                kafka.commonConfig(), new StringSerializer(), new StringSerializer());
        // A prefix makes the factory transactional: each producer gets prefix + a number as transactional.id.
        producerFactory.setTransactionIdPrefix(kafka.groupId("ad-stats-spring-tx") + "-");
        KafkaTemplate<String, String> template = new KafkaTemplate<>(producerFactory);
        KafkaTransactionManager<String, String> transactions = new KafkaTransactionManager<>(producerFactory);

        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumerConfig(group));
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        DefaultKafkaConsumerFactory<String, byte[]> consumerFactory = new DefaultKafkaConsumerFactory<>(
                consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());

        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ContainerProperties properties = new ContainerProperties(input);
        properties.setKafkaAwareTransactionManager(transactions);
        properties.setMessageListener((BatchMessageListener<String, byte[]>) records -> {
            int delivery = deliveries.incrementAndGet();
            foldIntoWindows(records).values().forEach(window -> template.send(stats, window.campaignId(),
                    window.toJson()));
            if (delivery == 3 && failures.get() == 0) {
                // After the sends: the container must abort them and deliver this batch again. The flush puts
                // them in the log first (abort would drop records still in the producer's buffer), so that
                // read_uncommitted readers can be seen counting them.
                template.flush();
                failures.incrementAndGet();
                throw new IllegalStateException("simulated failure after sending the third batch's stats");
            }
        });
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(
                consumerFactory, properties);
        container.start();
        try {
            Map<TopicPartition, Long> ends = Offsets.end(kafka.admin(), input);
            Awaitility.await("the container's transactions cover the whole input").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> Offsets.committed(kafka.admin(), group).equals(ends));
        } finally {
            container.stop();
            producerFactory.destroy();
        }
        SortedMap<String, CampaignStats> committed = TopicReader.campaignTotals(kafka.commonConfig(), stats,
                IsolationLevel.READ_COMMITTED);
        SortedMap<String, CampaignStats> uncommitted = TopicReader.campaignTotals(kafka.commonConfig(), stats,
                IsolationLevel.READ_UNCOMMITTED);
        out.printf("Listener container: %d deliveries, %d failed after sending (rolled back, delivered again)%n",
                deliveries.get(), failures.get());
        out.printf("KafkaTemplate transactional: %s (transactional.id prefix from the producer factory)%n",
                template.isTransactional());
        out.printf("Group offsets committed by the transactions reach the input's end: %s%n",
                Offsets.committed(kafka.admin(), group).equals(Offsets.end(kafka.admin(), input)));
        out.printf("read_committed totals equal the generator's: %s (%d events); read_uncommitted counts %d "
                + "events%n", committed.equals(traffic.expectedStats()), TopicReader.events(committed),
                TopicReader.events(uncommitted));
        return new Result(deliveries.get(), failures.get(), template.isTransactional(), committed,
                traffic.expectedStats());
    }

    /**
     * Spring's logging goes to Log4j 2 when Kafka's jars put log4j-core on the class path (not to logback), so
     * the level is set there too. Any other backend is left alone.
     */
    private static void quietLog4j(String logger) {
        try {
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
            Class<?> level = Class.forName("org.apache.logging.log4j.Level");
            configurator.getMethod("setLevel", String.class, level).invoke(null, logger,
                    level.getField("OFF").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not Log4j 2: nothing to do.
        }
    }

    /** A poll's valid events as per-campaign, per-minute increments; malformed records are skipped. */
    static Map<String, WindowStats> foldIntoWindows(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, WindowStats> windows = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            AdEvent event;
            try {
                event = AdEventJson.fromBytes(record.value());
            } catch (SerializationException e) {
                continue;
            }
            WindowStats empty = WindowStats.windowOf(event);
            windows.merge(event.campaignId() + "@" + empty.windowStart(), empty.plus(event),
                    (current, ignored) -> current.plus(event));
        }
        return windows;
    }
}
