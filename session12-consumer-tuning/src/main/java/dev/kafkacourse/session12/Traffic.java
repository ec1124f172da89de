package dev.kafkacourse.session12;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventRecords;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.kafka.KafkaFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** The labs' shared plumbing: clean ad traffic on a topic, consumers for it, and a bounded wait. */
final class Traffic {

    private Traffic() {
    }

    /**
     * Ad events without duplicates or malformed records, so every record is one distinct event and loss and
     * duplicates can be counted event by event. Campaign popularity is only mildly skewed (32 campaigns) so that
     * per-campaign lanes have work to share.
     */
    static GeneratedEvents clean(long seed, int impressions) {
        return AdEventGenerator.builder().seed(seed).impressions(impressions).campaigns(32).zipfExponent(0.5)
                .duplicateRate(0).malformedRate(0).build().generate();
    }

    /** Creates a topic and sends {@code traffic} to it (key = campaign). */
    static String produce(KafkaFixture kafka, String base, int partitions, GeneratedEvents traffic) {
        String topic = kafka.createTopic(base, partitions);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        AdEventRecords.sendGenerated(producer, topic, traffic.records());
        producer.flush();
        return topic;
    }

    /** A manual-commit consumer of {@code group} (not tracked by the fixture: its owner closes or abandons it). */
    static KafkaConsumer<String, byte[]> consumer(KafkaFixture kafka, String group, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig(group));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(overrides);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits until {@code done} holds; fails naming {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
