package dev.kafkacourse.support.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What a test or a lab uses to talk to Kafka: the cluster, unique topic and group names, client settings, and
 * clients that are closed with the fixture. Topics it created are deleted on close when the cluster is external,
 * so a shared cluster (MSK, a team cluster) is left as it was found.
 */
public final class KafkaFixture implements AutoCloseable {

    /** Distinguishes runs against a long-lived external cluster. Letters only: see {@link #uniqueName}. */
    private static final String RUN_ID = letters(ThreadLocalRandom.current().nextInt(26 * 26 * 26, 26 * 26 * 26 * 26));
    /** JVM-wide, so a test class run twice in one JVM (as the exercise verifier does) never reuses a name. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int MAX_NAME_LENGTH = 200;

    private final KafkaCluster cluster;
    private final String scope;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<String> namedTopics = new ArrayList<>();
    private final List<String> namedGroups = new ArrayList<>();
    private Admin admin;

    private KafkaFixture(KafkaCluster cluster, String scope) {
        this.cluster = cluster;
        this.scope = sanitize(scope.replaceAll("[0-9]+", ""));
    }

    /** A fixture on {@code cluster}; names it makes contain {@code scope} (e.g. the test's name). */
    public static KafkaFixture on(KafkaCluster cluster, String scope) {
        return new KafkaFixture(cluster, scope);
    }

    /** For a lab's {@code main}: the JVM's shared cluster on the selected backend. */
    public static KafkaFixture forLab(String labName) {
        return on(KafkaClusters.shared(), labName);
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** A topic name no other test uses: {@code base-scope-run-n}. On an external cluster it is deleted on close. */
    public synchronized String topicName(String base) {
        String name = uniqueName(base);
        namedTopics.add(name);
        return name;
    }

    /**
     * A consumer group id (or Kafka Streams application id) no other test uses. On an external cluster the group and
     * the Streams internal topics named after it ({@code <id>-...-changelog}, {@code -repartition}) are deleted on
     * close.
     */
    public synchronized String groupId(String base) {
        String id = uniqueName(base);
        namedGroups.add(id);
        return id;
    }

    /** Creates a uniquely named topic with the cluster's usual replication factor (at most 3). */
    public String createTopic(String base, int partitions) {
        return createTopic(base, partitions, defaultReplicationFactor(), Map.of());
    }

    /** Creates a uniquely named topic and waits until every partition has a leader. Returns its name. */
    public String createTopic(String base, int partitions, short replicationFactor, Map<String, String> configs) {
        String name = topicName(base);
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
        try {
            admin().createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
        Topics.awaitLeaders(admin(), name, partitions);
        return name;
    }

    public short defaultReplicationFactor() {
        return (short) Math.min(3, cluster.brokerCount());
    }

    /** The one Admin client of this fixture (closed with it). */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(commonConfig());
        }
        return admin;
    }

    /** Bootstrap servers plus the cluster's security settings: the base of every client's config. */
    public Map<String, Object> commonConfig() {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, scope + "-" + letters(SEQUENCE.incrementAndGet()));
        return config;
    }

    public Map<String, Object> producerConfig() {
        return commonConfig();
    }

    /** Consumer settings for {@code groupId}, reading from the beginning when the group has no offsets. */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = commonConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return producer(Map.of(), keySerializer, valueSerializer);
    }

    /** A producer closed with this fixture; {@code overrides} win over the defaults. */
    public <K, V> KafkaProducer<K, V> producer(Map<String, Object> overrides, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        Map<String, Object> config = producerConfig();
        config.putAll(overrides);
        return track(new KafkaProducer<>(config, keySerializer, valueSerializer));
    }

    public KafkaProducer<String, String> stringProducer() {
        return producer(new StringSerializer(), new StringSerializer());
    }

    public <K, V> KafkaConsumer<K, V> consumer(String groupId, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        return consumer(groupId, Map.of(), keyDeserializer, valueDeserializer);
    }

    /** A consumer closed with this fixture; {@code overrides} win over the defaults. */
    public <K, V> KafkaConsumer<K, V> consumer(String groupId, Map<String, Object> overrides,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Map<String, Object> config = consumerConfig(groupId);
        config.putAll(overrides);
        return track(new KafkaConsumer<>(config, keyDeserializer, valueDeserializer));
    }

    public KafkaConsumer<String, String> stringConsumer(String groupId) {
        return consumer(groupId, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Reads {@code count} records of {@code topic} from the beginning with a consumer of its own (a new group), as a
     * test checks what reached the broker.
     */
    public <K, V> List<ConsumerRecord<K, V>> readFromBeginning(String topic, int count, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        KafkaConsumer<K, V> consumer = consumer(groupId("read-" + topic), keyDeserializer, valueDeserializer);
        consumer.subscribe(List.of(topic));
        return Consume.records(consumer, count);
    }

    /**
     * Reads {@code topic} from the beginning up to the end offsets taken now, exactly: every record that is there,
     * none that arrives later, so a duplicate written by mistake shows up as one record too many instead of being
     * hidden by "at least N". {@code consumerOverrides} may set e.g. {@code isolation.level=read_committed}, which
     * then reads up to the last stable offset.
     */
    public <K, V> List<ConsumerRecord<K, V>> readToEnd(String topic, Map<String, Object> consumerOverrides,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        KafkaConsumer<K, V> consumer = consumer(groupId("read-" + topic), consumerOverrides, keyDeserializer,
                valueDeserializer);
        return Consume.toEnd(consumer, topic, Consume.DEFAULT_TIMEOUT);
    }

    public <K, V> List<ConsumerRecord<K, V>> readToEnd(String topic, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        return readToEnd(topic, Map.of(), keyDeserializer, valueDeserializer);
    }

    /** Closes {@code client} when the fixture closes (for clients made from {@link #producerConfig()} etc.). */
    public synchronized <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        for (int i = clients.size() - 1; i >= 0; i--) {
            try {
                clients.get(i).close();
            } catch (Exception ignored) {
                // A client that fails to close must not hide the test's own result.
            }
        }
        clients.clear();
        if (cluster.mode() == KafkaMode.EXTERNAL && !(namedTopics.isEmpty() && namedGroups.isEmpty())) {
            deleteWhatThisFixtureNamed();
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    /**
     * Leaves a shared external cluster (MSK, a team cluster) as it was found: the topics this fixture named, the
     * internal topics of Streams applications whose ids it named, and its groups. Best effort: a group that still
     * has members, or a missing ACL, leaves that one behind.
     */
    private void deleteWhatThisFixtureNamed() {
        try {
            List<String> existing = new ArrayList<>(admin().listTopics().names().get());
            existing.removeIf(topic -> !namedTopics.contains(topic)
                    && namedGroups.stream().noneMatch(id -> topic.startsWith(id + "-")));
            admin().deleteTopics(existing).all().get();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            admin().deleteConsumerGroups(namedGroups).deletedGroups().values().forEach(deleted -> {
                try {
                    deleted.get();
                } catch (Exception notDeleted) {
                    // never created, or still has members
                }
            });
        } catch (RuntimeException e) {
            // best effort, as above
        }
    }

    /**
     * {@code base-scope-run-sequence}, where only {@code base} may hold digits: a test that checks an error message
     * names "3 partitions" must not pass because the topic's name happens to contain a 3.
     */
    private String uniqueName(String base) {
        String name = sanitize(base) + "-" + scope + "-" + RUN_ID + "-" + letters(SEQUENCE.incrementAndGet());
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(name.length() - MAX_NAME_LENGTH);
    }

    /** {@code n} in base 26 with the digits a..z. */
    private static String letters(int n) {
        StringBuilder text = new StringBuilder();
        do {
            text.insert(0, (char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return text.toString();
    }

    private static String sanitize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        return lower.replaceAll("^-|-$", "");
    }
}
