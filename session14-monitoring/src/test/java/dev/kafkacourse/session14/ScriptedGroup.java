package dev.kafkacourse.session14;

import dev.kafkacourse.support.kafka.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * A real consumer of a real group on a one-partition topic, driven step by step so that each behaviour Burrow
 * tells apart (falling behind, stuck on a record, gone, rewound, catching up) happens exactly; and Burrow's
 * collection loop ({@link BurrowWindows}) watching the group from outside after every commit.
 */
final class ScriptedGroup implements AutoCloseable {

    static final int WINDOW = 5;

    private final KafkaFixture kafka;
    private final TopicPartition partition;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final BurrowWindows burrow;
    private long committed;
    private boolean closed;

    ScriptedGroup(KafkaFixture kafka, String name) {
        this.kafka = kafka;
        this.partition = new TopicPartition(kafka.createTopic(name, 1), 0);
        String group = kafka.groupId(name);
        this.producer = kafka.stringProducer();
        this.consumer = kafka.consumer(group, Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(partition));
        this.burrow = new BurrowWindows(kafka.admin(), kafka.commonConfig(), group, WINDOW);
    }

    ScriptedGroup produce(int records) {
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "c-" + i, "event-" + i));
        }
        producer.flush();
        return this;
    }

    /** Reads {@code records} more records, commits the offset after them, and lets Burrow see the commit. */
    ScriptedGroup consume(int records) {
        long target = committed + records;
        Awaitility.await("consumer reached offset " + target).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ZERO).until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.position(partition) >= target;
                });
        consumer.seek(partition, target); // what was fetched beyond the target is not processed yet
        return commit(target);
    }

    /** Fails on the record at the committed offset, goes back to it and commits the same offset again. */
    ScriptedGroup failOnSameRecordAndCommit() {
        consumer.poll(Duration.ofMillis(100));
        consumer.seek(partition, committed);
        return commit(committed);
    }

    /** Goes back to {@code offset} (a replay, an offset reset) and commits it. */
    ScriptedGroup rewindTo(long offset) {
        consumer.seek(partition, offset);
        return commit(offset);
    }

    /** The consumer leaves for good: no more commits. */
    ScriptedGroup stop() {
        consumer.close();
        closed = true;
        return this;
    }

    private ScriptedGroup commit(long offset) {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        committed = offset;
        commits++;
        Awaitility.await("Burrow saw commit " + commits + " (offset " + offset + ")").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ZERO).until(() -> burrow.refresh().commitsSeen(partition) >= commits);
        return this;
    }

    private int commits;

    List<OffsetCommit> window() {
        BurrowWindows.Window window = burrow.refresh().windows().get(partition);
        return window == null ? List.of() : window.commits();
    }

    long endOffset() {
        return burrow.windows().get(partition).endOffset();
    }

    /** The status right at the last commit, as Burrow evaluates when a commit arrives. */
    LagStatus statusAtLastCommit() {
        List<OffsetCommit> window = window();
        return BurrowEvaluator.evaluate(window, endOffset(), window.get(window.size() - 1).timestamp());
    }

    /** The status once the group has been quiet for longer than its whole window took. */
    LagStatus statusAfterSilence() {
        List<OffsetCommit> window = window();
        long first = window.get(0).timestamp();
        long last = window.get(window.size() - 1).timestamp();
        return BurrowEvaluator.evaluate(window, endOffset(), last + (last - first) + 60_000);
    }

    @Override
    public void close() {
        burrow.close();
        producer.close();
        if (!closed) {
            consumer.close();
        }
    }
}
