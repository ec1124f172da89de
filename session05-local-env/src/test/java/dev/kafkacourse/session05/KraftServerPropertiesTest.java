package dev.kafkacourse.session05;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exercise 1: KraftServerProperties, checked by reading the properties and by starting a cluster from them. */
class KraftServerPropertiesTest {

    @TempDir
    Path dataDir;

    @Test
    void everyNodeNamesEveryControllerAsAVoterAtItsPort() {
        KraftClusterPlan plan = new KraftClusterPlan(List.of(19301, 19302, 19303), List.of(19311, 19312, 19313), dataDir);
        Set<String> expectedVoters = Set.of("3000@localhost:19301", "3001@localhost:19302", "3002@localhost:19303");

        for (int id : plan.nodeIds()) {
            Properties props = KraftServerProperties.forNode(plan, id);

            assertThat(props.getProperty("node.id")).as("node.id of node %d", id).isEqualTo(String.valueOf(id));
            assertThat(voters(props)).as("controller.quorum.voters of node %d", id).isEqualTo(expectedVoters);
            assertThat(props.getProperty("controller.listener.names", "").strip())
                    .as("controller.listener.names of node %d", id).isEqualTo("CONTROLLER");
            assertThat(Path.of(props.getProperty("log.dirs", "").strip())).as("log.dirs of node %d", id)
                    .isEqualTo(plan.logDir(id));
        }
    }

    @Test
    void controllersListenOnlyOnTheControllerListenerAndBrokersOnlyOnPlaintext() {
        KraftClusterPlan plan = new KraftClusterPlan(List.of(19301, 19302, 19303), List.of(19311, 19312, 19313), dataDir);

        Properties controller = KraftServerProperties.forNode(plan, 3001);
        assertThat(roles(controller)).isEqualTo(Set.of("controller"));
        assertThat(listeners(controller, "listeners")).containsExactly("CONTROLLER://localhost:19302");

        Properties broker = KraftServerProperties.forNode(plan, 2);
        assertThat(roles(broker)).isEqualTo(Set.of("broker"));
        assertThat(listeners(broker, "listeners")).containsExactly("PLAINTEXT://localhost:19313");
        assertThat(listeners(broker, "advertised.listeners")).as("advertised.listeners: what clients on this machine "
                + "are told to connect to").containsExactly("PLAINTEXT://localhost:19313");
        assertThat(broker.getProperty("inter.broker.listener.name", "").strip()).isEqualTo("PLAINTEXT");
        assertThat(protocolMap(broker)).containsEntry("CONTROLLER", "PLAINTEXT").containsEntry("PLAINTEXT", "PLAINTEXT");

        // Kafka's own check, the first thing kafka-server-start.sh does with the file.
        for (int id : plan.nodeIds()) {
            assertThatCode(() -> KraftCluster.configOf(KraftServerProperties.forNode(plan, id)))
                    .as("Kafka accepts the properties of node %d", id).doesNotThrowAnyException();
        }
    }

    @Test
    void internalTopicsGetNoMoreReplicasThanThereAreBrokers() {
        KraftClusterPlan single = new KraftClusterPlan(List.of(19301), List.of(19311), dataDir);
        Properties broker = KraftServerProperties.forNode(single, 0);

        assertThat(broker.getProperty("offsets.topic.replication.factor")).as("offsets.topic.replication.factor with "
                + "one broker (the default, 3, leaves every consumer group waiting)").isEqualTo("1");
        assertThat(broker.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(broker.getProperty("transaction.state.log.min.isr")).isEqualTo("1");

        KraftClusterPlan three = new KraftClusterPlan(List.of(19301), List.of(19311, 19312, 19313), dataDir);
        Properties ofThree = KraftServerProperties.forNode(three, 1);
        // Kafka's defaults (3 and 2) are right here; a copied single-broker value of 1 is not.
        assertThat(ofThree.getProperty("offsets.topic.replication.factor", "3")).as("offsets.topic.replication.factor "
                + "with three brokers (1 loses every group's offsets with one broker)").isEqualTo("3");
        assertThat(ofThree.getProperty("transaction.state.log.replication.factor", "3")).isEqualTo("3");
        assertThat(ofThree.getProperty("transaction.state.log.min.isr", "2")).isEqualTo("2");
    }

    @Test
    void aNodeIdOutsideThePlanIsRejectedWithTheIdsThatExist() {
        KraftClusterPlan plan = new KraftClusterPlan(List.of(19301, 19302, 19303), List.of(19311, 19312, 19313), dataDir);

        assertThatThrownBy(() -> KraftServerProperties.forNode(plan, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7").hasMessageContaining("3000").hasMessageContaining("3002");
    }

    @Test
    void threeControllersAndThreeBrokersStartFromTheseFilesAndServeAReplicatedTopic() throws Exception {
        KraftClusterPlan plan = KraftClusterPlan.onFreePorts(3, 3, dataDir.resolve("data"));
        List<Properties> nodes = new ArrayList<>();
        for (int id : plan.nodeIds()) {
            nodes.add(KraftServerProperties.forNode(plan, id));
        }

        try (KraftCluster cluster = KraftCluster.start(nodes, dataDir.resolve("nodes"));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id))
                    .containsExactlyInAnyOrder(0, 1, 2);
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
            assertThat(quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId))
                    .containsExactlyInAnyOrder(3000, 3001, 3002);
            assertThat(quorum.leaderId()).isIn(3000, 3001, 3002);
            assertThat(quorum.observers().stream().map(QuorumInfo.ReplicaState::replicaId)).contains(0, 1, 2);
            assertThat(Files.exists(plan.logDir(1).resolve("meta.properties"))).as("broker 1 keeps its data in "
                    + "plan.logDir(1)").isTrue();

            String topic = "ad-events";
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                return d.partitions().stream().allMatch(p -> p.leader() != null && p.isr().size() == 3);
            });
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "c-" + i % 3, "event-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            // A consumer group needs __consumer_offsets, whose replication factor comes from the brokers' files.
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "ad-stats", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                    return values.size() >= 10;
                });
                consumer.commitSync(Duration.ofSeconds(30));
            }
            assertThat(values).hasSize(10).contains("event-0", "event-9");
        }
    }

    private static Set<String> voters(Properties props) {
        return Arrays.stream(props.getProperty("controller.quorum.voters", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static Set<String> roles(Properties props) {
        return Arrays.stream(props.getProperty("process.roles", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static List<String> listeners(Properties props, String key) {
        return Arrays.stream(props.getProperty(key, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> protocolMap(Properties props) {
        Map<String, String> map = new HashMap<>();
        for (String entry : props.getProperty("listener.security.protocol.map", "").split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts.length == 2) {
                map.put(parts[0].strip(), parts[1].strip());
            }
        }
        return map;
    }
}
