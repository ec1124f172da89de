package dev.kafkacourse.session14;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.group.GroupCoordinatorRecordSerde;
import org.apache.kafka.coordinator.group.generated.OffsetCommitKey;
import org.apache.kafka.coordinator.group.generated.OffsetCommitValue;

/**
 * Reads a group's commits from {@code __consumer_offsets}, the way Burrow does: every commit is a record there,
 * with the broker's commit timestamp, even when the offset did not change (which an Admin call cannot show).
 * Reads without a group of its own (assign, no commits), so it never disturbs what it watches.
 */
public final class ConsumerOffsetsReader implements AutoCloseable {

    public static final String TOPIC = "__consumer_offsets";

    /** One commit of one partition. */
    public record Commit(TopicPartition partition, long offset, long timestamp) {
    }

    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final GroupCoordinatorRecordSerde serde = new GroupCoordinatorRecordSerde();

    public ConsumerOffsetsReader(Map<String, Object> clientConfig, String group) {
        this.group = group;
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every commit of the group written since the last call, in log order per partition. */
    public List<Commit> readNew() {
        if (consumer.assignment().isEmpty()) {
            // The brokers create __consumer_offsets with the first group: until then there is nothing to read.
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        List<Commit> commits = new ArrayList<>();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                commitOf(record).ifPresent(commits::add);
            }
        }
        return commits;
    }

    private java.util.Optional<Commit> commitOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return java.util.Optional.empty(); // tombstone: an expired or deleted offset
        }
        CoordinatorRecord decoded;
        try {
            decoded = serde.deserialize(java.nio.ByteBuffer.wrap(record.key()), java.nio.ByteBuffer.wrap(record.value()));
        } catch (RuntimeException unknownRecordType) {
            return java.util.Optional.empty(); // group metadata of a kind this reader does not need
        }
        if (!(decoded.key() instanceof OffsetCommitKey key) || !group.equals(key.group())) {
            return java.util.Optional.empty();
        }
        OffsetCommitValue value = (OffsetCommitValue) decoded.value().message();
        return java.util.Optional.of(new Commit(new TopicPartition(key.topic(), key.partition()), value.offset(),
                value.commitTimestamp()));
    }

    @Override
    public void close() {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
