package dev.kafkacourse.session18;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One real call per kind of permission, made with a principal's client settings; each returns the
 * {@link Outcome}. Timeouts are short: a refused call fails in milliseconds, and a lesson should not wait a minute
 * for one that hangs.
 */
public final class Probes {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Probes() {
    }

    /** WRITE on the topic: one record sent and acknowledged. */
    public static Outcome produce(Map<String, Object> client, String topic) {
        return Outcome.of(() -> {
            try (KafkaProducer<String, String> producer = producer(client, Map.of())) {
                return producer.send(new ProducerRecord<>(topic, "probe", "probe")).get();
            }
        });
    }

    /**
     * READ on the topic, and on the group when {@code groupId} is not null: with a group, subscribe, read a record
     * and commit; without one, read partition 0 directly (no group is involved, so only the topic ACL counts).
     * The topic must hold at least one record.
     */
    public static Outcome consume(Map<String, Object> client, String topic, String groupId) {
        return Outcome.of(() -> {
            try (KafkaConsumer<String, String> consumer = consumer(client, groupId)) {
                if (groupId == null) {
                    consumer.assign(List.of(new TopicPartition(topic, 0)));
                } else {
                    consumer.subscribe(List.of(topic));
                }
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        if (groupId != null) {
                            consumer.commitSync(TIMEOUT);
                        }
                        return records.count();
                    }
                }
                throw new IllegalStateException("no record of " + topic + " arrived within " + TIMEOUT);
            }
        });
    }

    /**
     * WRITE on each topic with one producer (one login): topic → outcome. A refused topic does not stop the
     * producer from sending to the next one.
     */
    public static Map<String, Outcome> produceEach(Map<String, Object> client, List<String> topics) {
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = producer(client, Map.of())) {
            for (String topic : topics) {
                outcomes.put(topic, Outcome.of(() -> producer.send(new ProducerRecord<>(topic, "probe", "probe"))
                        .get()));
            }
        }
        return outcomes;
    }

    /** READ on each topic (partition 0, no group) with one consumer (one login): topic → outcome. */
    public static Map<String, Outcome> consumeEach(Map<String, Object> client, List<String> topics) {
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(client, null)) {
            for (String topic : topics) {
                outcomes.put(topic, Outcome.of(() -> {
                    consumer.assign(List.of(new TopicPartition(topic, 0)));
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (System.nanoTime() < deadline) {
                        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                            return null;
                        }
                    }
                    throw new IllegalStateException("no record of " + topic + " arrived within " + TIMEOUT);
                }));
            }
        }
        return outcomes;
    }

    /**
     * A transactional write as the exactly-once stats job makes it: {@code initTransactions} with
     * {@code transactionalId}, one record to each topic, the consumer group's offsets in the same transaction
     * (when {@code groupId} is not null), commit.
     */
    public static Outcome transactionalWrite(Map<String, Object> client, String transactionalId,
            List<String> topics, String groupId, String offsetsTopic) {
        return Outcome.of(() -> {
            try (KafkaProducer<String, String> producer = producer(client,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
                producer.initTransactions();
                producer.beginTransaction();
                for (String topic : topics) {
                    producer.send(new ProducerRecord<>(topic, "probe", "probe"));
                }
                if (groupId != null) {
                    producer.sendOffsetsToTransaction(
                            Map.of(new TopicPartition(offsetsTopic, 0), new OffsetAndMetadata(0)),
                            new org.apache.kafka.clients.consumer.ConsumerGroupMetadata(groupId));
                }
                producer.commitTransaction();
                return null;
            }
        });
    }

    /** Connecting and authenticating, nothing else: the cluster's broker list. */
    public static Outcome connect(Map<String, Object> client) {
        return withAdmin(client, admin -> admin.describeCluster().nodes().get());
    }

    /** DESCRIBE on the topic. */
    public static Outcome describeTopic(Map<String, Object> client, String topic) {
        return withAdmin(client, admin -> admin.describeTopics(List.of(topic)).allTopicNames().get());
    }

    /** DESCRIBE_CONFIGS on the topic. */
    public static Outcome describeTopicConfig(Map<String, Object> client, String topic) {
        return withAdmin(client, admin -> admin.describeConfigs(
                List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic))).all().get());
    }

    /** ALTER_CONFIGS on the topic: sets {@code retention.ms} to 1 day. */
    public static Outcome alterTopicConfig(Map<String, Object> client, String topic) {
        return withAdmin(client, admin -> admin.incrementalAlterConfigs(Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET))))
                .all().get());
    }

    /** CREATE on the topic name (or on the cluster). */
    public static Outcome createTopic(Map<String, Object> client, String topic) {
        return withAdmin(client, admin -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                .get());
    }

    /** DELETE on the topic. */
    public static Outcome deleteTopic(Map<String, Object> client, String topic) {
        return withAdmin(client, admin -> admin.deleteTopics(List.of(topic)).all().get());
    }

    /** DESCRIBE on the group and on its topics: what a lag dashboard needs. */
    public static Outcome describeGroupOffsets(Map<String, Object> client, String groupId) {
        return withAdmin(client, admin -> admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get());
    }

    /** The ACLs themselves: DESCRIBE on the cluster. */
    public static Outcome describeAcls(Map<String, Object> client) {
        return withAdmin(client, admin -> admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY)
                .values().get());
    }

    @FunctionalInterface
    interface AdminCall {
        Object call(Admin admin) throws Exception;
    }

    private static Outcome withAdmin(Map<String, Object> client, AdminCall call) {
        return Outcome.of(() -> {
            try (Admin admin = admin(client)) {
                return call.call(admin);
            }
        });
    }

    /** An Admin with short timeouts; settings in {@code client} win. */
    public static Admin admin(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putAll(client);
        return Admin.create(config);
    }

    public static KafkaProducer<String, String> producer(Map<String, Object> client, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(client);
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static KafkaConsumer<String, String> consumer(Map<String, Object> client, String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putAll(client);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
