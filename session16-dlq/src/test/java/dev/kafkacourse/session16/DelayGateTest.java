package dev.kafkacourse.session16;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Exercise 3, through {@link DelayQueueConsumer} (whose loop is {@link DelayGate#pollOnce}): nothing processed
 * before it is due, nothing lost while waiting or across a restart, never thrown out of the group.
 */
@KafkaTest
class DelayGateTest {

    record Processed(String id, long at, long due) {
    }

    @Test
    void nothingIsProcessedEarlyAndNothingIsLostAcrossARestart(KafkaFixture kafka) throws Exception {
        String shortTopic = kafka.createTopic("ad-events-delay-600ms", 2);
        String longTopic = kafka.createTopic("ad-events-delay-4s", 2);
        Map<String, Duration> delays = Map.of(shortTopic, Duration.ofMillis(600), longTopic, Duration.ofSeconds(4));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(new ProducerRecord<>(shortTopic, "c-00" + (i % 5), ("short-" + i).getBytes(StandardCharsets.UTF_8)));
            records.add(new ProducerRecord<>(longTopic, "c-00" + (i % 5), ("long-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), records);
        Map<String, Object> config = kafka.consumerConfig(kafka.groupId("delay"));
        // Shorter than the 4 s delay: a consumer that slept until the record was due would be thrown out.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1_000);
        List<Processed> byFirst = new ArrayList<>();
        List<Processed> bySecond = new ArrayList<>();
        DelayQueueConsumer[] current = new DelayQueueConsumer[1];
        List<Processed>[] sink = new List[] {byFirst};
        RecordProcessor processor = record -> sink[0].add(new Processed(
                new String(record.value(), StandardCharsets.UTF_8), System.currentTimeMillis(),
                current[0].dueAt(record)));

        try (DelayQueueConsumer first = new DelayQueueConsumer(config, delays, processor, failNever(),
                Clock.systemUTC())) {
            current[0] = first;
            first.pollUntil(() -> byFirst.size() >= 20, Duration.ofSeconds(20));
            assertThat(first.pauses()).as("partitions paused while records were not due").isPositive();
            assertThat(first.revocations()).as("partitions lost while waiting for due records").isZero();
        }
        assertThat(byFirst).extracting(Processed::id).allMatch(id -> id.startsWith("short-"))
                .as("the long-delay records were still waiting when the first consumer stopped").hasSize(20);

        try (DelayQueueConsumer second = new DelayQueueConsumer(config, delays, processor, failNever(),
                Clock.systemUTC())) {
            current[0] = second;
            sink[0] = bySecond;
            second.pollUntil(() -> bySecond.size() >= 20, Duration.ofSeconds(20));
            assertThat(second.revocations()).isZero();
        }

        List<Processed> all = new ArrayList<>(byFirst);
        all.addAll(bySecond);
        assertThat(all).extracting(Processed::id).doesNotHaveDuplicates().hasSize(40);
        assertThat(all).allSatisfy(p -> assertThat(p.at()).as("processing time of %s", p.id())
                .isGreaterThanOrEqualTo(p.due()));
        Set<String> afterRestart = bySecond.stream().map(Processed::id).collect(Collectors.toSet());
        assertThat(afterRestart).allMatch(id -> id.startsWith("long-"));
    }

    private static FailureHandler failNever() {
        return (record, error) -> {
            throw new AssertionError("unexpected failure of " + record, error);
        };
    }

    @Test
    void everyRecordBehindAWaitingOneIsProcessedToo(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ad-events-delay-1s", 1);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(new ProducerRecord<>(topic, "c-001", ("r-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        Sends.all(kafka.producer(new StringSerializer(), new ByteArraySerializer()), records);
        List<Processed> processed = new ArrayList<>();
        DelayQueueConsumer[] current = new DelayQueueConsumer[1];
        try (DelayQueueConsumer consumer = new DelayQueueConsumer(kafka.consumerConfig(kafka.groupId("delay-one")),
                Map.of(topic, Duration.ofSeconds(1)), record -> processed.add(new Processed(
                        new String(record.value(), StandardCharsets.UTF_8), System.currentTimeMillis(),
                        current[0].dueAt(record))), failNever(), Clock.systemUTC())) {
            current[0] = consumer;
            consumer.pollUntil(() -> processed.size() >= 30, Duration.ofSeconds(15));
        }
        assertThat(processed).extracting(Processed::id).doesNotHaveDuplicates().hasSize(30);
        assertThat(processed).allSatisfy(p -> assertThat(p.at()).isGreaterThanOrEqualTo(p.due()));
    }
}
