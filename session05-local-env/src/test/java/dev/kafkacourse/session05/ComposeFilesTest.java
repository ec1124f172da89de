package dev.kafkacourse.session05;

import dev.kafkacourse.support.kafka.EmbeddedKafkaCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session05.ComposeChecker.Problem;
import dev.kafkacourse.session05.ComposeFile.KafkaNode;
import dev.kafkacourse.session05.ComposeFile.PublishedPort;
import dev.kafkacourse.session05.ComposeFile.Service;
import dev.kafkacourse.support.kafka.KafkaVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose files in {@code docker/} are consistent (the checker finds nothing), and the checker catches each
 * kind of typo, named by file, service and setting. Docker is not needed: the files are read, not run.
 */
class ComposeFilesTest {

    private static final String FILE = "test-cluster.yml";
    private static final String IMAGE = "apache/kafka:" + KafkaVersion.VERSION;

    // ---------------------------------------------------------------------------------------------------------
    // The repository's files

    @Test
    void theRepositoryComposeFilesAreConsistent() {
        List<Problem> problems = ComposeChecker.check(ComposeChecker.locateDockerDir());

        assertThat(problems).as("problems in docker/*.yml:%n%s", lines(problems)).isEmpty();
    }

    @Test
    void theSingleNodeFileIsOneCombinedNodeOnHostPort29092() {
        ComposeFile file = load("kafka-single.yml");

        assertThat(file.services()).extracting(Service::name).containsExactly("kafka");
        KafkaNode kafka = KafkaNode.of(file.services().get(0));
        assertThat(kafka.roles()).containsExactlyInAnyOrder("broker", "controller");
        assertThat(kafka.advertisedListeners()).extracting(Object::toString).contains("EXTERNAL://localhost:29092");
        assertThat(file.services().get(0).ports()).containsExactly(new PublishedPort("127.0.0.1", 29092, 9094));
    }

    @Test
    void theClusterFileIsThreeControllersAndThreeBrokersOnHostPorts39092To39094() {
        ComposeFile file = load("kafka-cluster.yml");
        List<KafkaNode> nodes = file.services().stream().map(KafkaNode::of).toList();

        assertThat(nodes.stream().filter(KafkaNode::isController).map(n -> n.nodeId().orElseThrow()))
                .containsExactly(3000, 3001, 3002);
        assertThat(nodes.stream().filter(KafkaNode::isBroker).map(n -> n.nodeId().orElseThrow()))
                .containsExactly(0, 1, 2);
        assertThat(nodes).noneMatch(n -> n.isBroker() && n.isController());
        assertThat(file.services().stream().flatMap(s -> s.ports().stream()).map(PublishedPort::hostPort))
                .containsExactly(39092, 39093, 39094);
    }

    @Test
    void theKafkaFilesNeedNoImageButApacheKafkaSoACiCanBootThemAlone() {
        for (String name : List.of("kafka-single.yml", "kafka-cluster.yml")) {
            assertThat(load(name).services()).as(name).extracting(Service::image).containsOnly(IMAGE);
        }
    }

    @Test
    void noHostPortClashesWithTheNoDockerCluster() {
        // ./course cluster: brokers on 19092.. (up to 9 brokers), its controller on 19190.
        Map<String, String> files = ComposeChecker.readComposeFiles(ComposeChecker.locateDockerDir());
        files.forEach((name, yaml) -> ComposeChecker.load(name, yaml).orElseThrow().services().forEach(service ->
                assertThat(service.ports()).as("%s %s", name, service.name())
                        .noneMatch(p -> (p.hostPort() >= 19092 && p.hostPort() <= 19100) || p.hostPort() == 19190)));
    }

    @Test
    void theReadmeNamesEveryServiceAndHostPort() throws Exception {
        Path docker = ComposeChecker.locateDockerDir();
        String readme = Files.readString(docker.resolve("README.md"));
        ComposeChecker.readComposeFiles(docker).forEach((name, yaml) -> {
            assertThat(readme).as("docker/README.md mentions the file").contains(name);
            for (Service service : ComposeChecker.load(name, yaml).orElseThrow().services()) {
                assertThat(readme).as("docker/README.md mentions service %s of %s", service.name(), name)
                        .contains(service.name());
                service.ports().forEach(p -> assertThat(readme).as("docker/README.md mentions host port %d of %s",
                        p.hostPort(), service.name()).contains(String.valueOf(p.hostPort())));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // The checker catches each kind of typo (in a small cluster: 3 controllers, 2 brokers)

    @Test
    void theSnippetItselfIsConsistent() {
        assertThat(check(cluster())).as("%s", lines(check(cluster()))).isEmpty();
    }

    @Test
    void invalidYaml() {
        assertProblem(check(cluster().replace("    image: " + IMAGE + "\n    hostname: broker-1",
                "    image: " + IMAGE + "\n   hostname: broker-1")), "-", "YAML", "not valid YAML");
    }

    @Test
    void aKeyWrittenTwice() {
        assertProblem(check(cluster().replace("      KAFKA_NODE_ID: \"1\"\n",
                "      KAFKA_NODE_ID: \"1\"\n      KAFKA_NODE_ID: \"2\"\n")), "-", "YAML", "KAFKA_NODE_ID");
    }

    @Test
    void anotherKafkaVersion() {
        assertProblem(check(cluster().replaceFirst("image: " + IMAGE, "image: apache/kafka:3.9.0")),
                "controller-0", "image", IMAGE);
    }

    @Test
    void aVotersListMissingAController() {
        String voters = "3000@controller-0:9093,3001@controller-1:9093,3002@controller-2:9093";
        String yaml = replaceInService(cluster(), "broker-1", voters, "3000@controller-0:9093,3001@controller-1:9093");

        assertProblem(check(yaml), "broker-1", "KAFKA_CONTROLLER_QUORUM_VOTERS", "controller-2");
    }

    @Test
    void aVoterAtTheWrongPort() {
        String yaml = replaceInService(cluster(), "controller-2", "3001@controller-1:9093", "3001@controller-1:9039");

        assertProblem(check(yaml), "controller-2", "KAFKA_CONTROLLER_QUORUM_VOTERS", "3001@controller-1:9093");
    }

    @Test
    void aVoterAtAMisspelledHost() {
        String yaml = replaceInService(cluster(), "broker-0", "3001@controller-1:9093", "3001@controler-1:9093");

        assertProblem(check(yaml), "broker-0", "KAFKA_CONTROLLER_QUORUM_VOTERS", "controler-1");
    }

    @Test
    void aVoterWithTheWrongId() {
        String yaml = replaceInService(cluster(), "broker-0", "3002@controller-2", "3003@controller-2");

        assertProblem(check(yaml), "broker-0", "KAFKA_CONTROLLER_QUORUM_VOTERS", "3003");
    }

    @Test
    void twoNodesWithOneId() {
        String yaml = replaceInService(cluster(), "broker-1", "KAFKA_NODE_ID: \"1\"", "KAFKA_NODE_ID: \"0\"");

        assertProblem(check(yaml), "broker-1", "KAFKA_NODE_ID", "broker-0");
    }

    @Test
    void twoServicesOnOneHostPort() {
        String yaml = replaceInService(cluster(), "broker-1", "127.0.0.1:49093:9094", "127.0.0.1:49092:9094");

        assertProblem(check(yaml), "broker-1", "ports", "49092");
    }

    @Test
    void twoFilesOnOneHostPort() {
        String other = "version: \"3.8\"\nservices:\n  grafana:\n    image: grafana/grafana:12.1.0\n"
                + "    ports:\n      - \"127.0.0.1:49092:3000\"\n";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(FILE, cluster());
        files.put("monitoring-test.yml", other);

        assertProblem(ComposeChecker.check(files, null), "monitoring-test.yml", "grafana", "ports", "49092");
    }

    @Test
    void anAdvertisedExternalPortThatIsNotPublished() {
        String yaml = replaceInService(cluster(), "broker-0", "EXTERNAL://localhost:49092", "EXTERNAL://localhost:49093");

        assertProblem(check(yaml), "broker-0", "KAFKA_ADVERTISED_LISTENERS", "49093");
    }

    @Test
    void anAdvertisedExternalHostOnlyContainersCanResolve() {
        String yaml = replaceInService(cluster(), "broker-0", "EXTERNAL://localhost:49092", "EXTERNAL://broker-0:49092");

        assertProblem(check(yaml), "broker-0", "KAFKA_ADVERTISED_LISTENERS", "localhost");
    }

    @Test
    void aPublishedPortThatMissesTheExternalListener() {
        String yaml = replaceInService(cluster(), "broker-0", "127.0.0.1:49092:9094", "127.0.0.1:49092:9092");

        assertProblem(check(yaml), "broker-0", "ports", "9094");
    }

    @Test
    void aListenerMissingFromTheSecurityProtocolMap() {
        String yaml = replaceInService(cluster(), "broker-1", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT",
                "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT");

        assertProblem(check(yaml), "broker-1", "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "EXTERNAL:PLAINTEXT");
    }

    @Test
    void aMisspelledAdvertisedListenerName() {
        String yaml = replaceInService(cluster(), "broker-1", "EXTERNAL://localhost:49093", "EXTRENAL://localhost:49093");

        assertProblem(check(yaml), "broker-1", "KAFKA_ADVERTISED_LISTENERS", "EXTRENAL");
    }

    @Test
    void anInterBrokerListenerThatIsNotDefined() {
        String yaml = replaceInService(cluster(), "broker-0", "KAFKA_INTER_BROKER_LISTENER_NAME: \"INTERNAL\"",
                "KAFKA_INTER_BROKER_LISTENER_NAME: \"PLAINTEXT\"");

        assertProblem(check(yaml), "broker-0", "KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
    }

    @Test
    void aMisspelledControllerListenerName() {
        String yaml = replaceInService(cluster(), "controller-1", "KAFKA_CONTROLLER_LISTENER_NAMES: \"CONTROLLER\"",
                "KAFKA_CONTROLLER_LISTENER_NAMES: \"CONTROLER\"");

        assertProblem(check(yaml), "controller-1", "KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLER");
    }

    @Test
    void aBrokerListeningOnTheControllerListener() {
        String yaml = replaceInService(cluster(), "broker-0", "\"INTERNAL://:9092,EXTERNAL://:9094\"",
                "\"INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093\"");

        assertProblem(check(yaml), "broker-0", "KAFKA_LISTENERS", "CONTROLLER");
    }

    @Test
    void zooKeeperInAnyForm() {
        String service = "  zookeeper:\n    image: confluentinc/cp-zookeeper:7.6.0\n";
        assertProblem(check(cluster() + service), "zookeeper", "image", "KRaft");

        String yaml = replaceInService(cluster(), "broker-0", "      KAFKA_NODE_ID: \"0\"\n",
                "      KAFKA_NODE_ID: \"0\"\n      KAFKA_ZOOKEEPER_CONNECT: \"zookeeper:2181\"\n");
        assertProblem(check(yaml), "broker-0", "KAFKA_ZOOKEEPER_CONNECT", "KRaft");
    }

    @Test
    void internalTopicsWithMoreReplicasThanBrokers() {
        String yaml = replaceInService(cluster(), "broker-1", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: \"2\"",
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: \"3\"");

        assertProblem(check(yaml), "broker-1", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "2 broker(s)");
    }

    @Test
    void aBrokerSettingThatDiffersFromTheCourseDefaults() {
        String yaml = replaceInService(cluster(), "broker-0", "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"false\"",
                "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"true\"");

        assertProblem(check(yaml), "broker-0", "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "\"false\"");
    }

    @Test
    void anUnquotedBooleanThatComposeV1Rejects() {
        String yaml = replaceInService(cluster(), "broker-0", "KAFKA_AUTO_CREATE_TOPICS_ENABLE: \"false\"",
                "KAFKA_AUTO_CREATE_TOPICS_ENABLE: false");

        assertProblem(check(yaml), "broker-0", "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "quote");
    }

    @Test
    void twoClusterIds() {
        String yaml = replaceInService(cluster(), "broker-1", "F2nsD7KSSVmirEknOirDpA", "ujeNT9E9STabSCQiD7L6dg");

        assertProblem(check(yaml), "broker-1", "CLUSTER_ID", "controller-0");
    }

    @Test
    void noVersionForComposeV1AndANameItCannotRead() {
        String yaml = cluster().replace("version: \"3.8\"\n", "name: course\n");

        assertProblem(check(yaml), "-", "version", "3.8");
        assertProblem(check(yaml), "-", "name", "Compose v1");
    }

    @Test
    void aDependencyOnAServiceThatDoesNotExist() {
        String yaml = replaceInService(cluster(), "broker-0", "      - controller-2\n", "      - controller-3\n");

        assertProblem(check(yaml), "broker-0", "depends_on", "controller-3");
    }

    @Test
    void anUnpinnedImage() {
        String service = "  prometheus:\n    image: prom/prometheus:latest\n";

        assertProblem(check(cluster() + service), "prometheus", "image", "pin a version");
    }

    @Test
    void aMountedFileThatDoesNotExist(@TempDir Path dir) {
        String yaml = "version: \"3.8\"\nservices:\n  prometheus:\n    image: prom/prometheus:v3.5.0\n    volumes:\n"
                + "      - \"./prometheus/prometheus.yaml:/etc/prometheus/prometheus.yml:ro\"\n";

        assertProblem(ComposeChecker.check(Map.of(FILE, yaml), dir), FILE, "prometheus", "volumes", "prometheus.yaml");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A consistent cluster of 3 controllers and 2 brokers (host ports 49092, 49093), in the course's style. */
    static String cluster() {
        String voters = "3000@controller-0:9093,3001@controller-1:9093,3002@controller-2:9093";
        StringBuilder yaml = new StringBuilder("version: \"3.8\"\nservices:\n");
        for (int i = 0; i < 3; i++) {
            yaml.append("  controller-").append(i).append(":\n    image: ").append(IMAGE).append('\n')
                    .append("    hostname: controller-").append(i).append('\n')
                    .append("    environment:\n")
                    .append("      CLUSTER_ID: \"F2nsD7KSSVmirEknOirDpA\"\n")
                    .append("      KAFKA_NODE_ID: \"").append(3000 + i).append("\"\n")
                    .append("      KAFKA_PROCESS_ROLES: \"controller\"\n")
                    .append("      KAFKA_LISTENERS: \"CONTROLLER://:9093\"\n")
                    .append("      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: \"CONTROLLER:PLAINTEXT\"\n")
                    .append("      KAFKA_CONTROLLER_LISTENER_NAMES: \"CONTROLLER\"\n")
                    .append("      KAFKA_CONTROLLER_QUORUM_VOTERS: \"").append(voters).append("\"\n")
                    .append("      KAFKA_BROKER_SESSION_TIMEOUT_MS: \"2000\"\n")
                    .append("      KAFKA_BROKER_HEARTBEAT_INTERVAL_MS: \"500\"\n");
        }
        for (int i = 0; i < 2; i++) {
            yaml.append("  broker-").append(i).append(":\n    image: ").append(IMAGE).append('\n')
                    .append("    hostname: broker-").append(i).append('\n')
                    .append("    ports:\n      - \"127.0.0.1:").append(49092 + i).append(":9094\"\n")
                    .append("    depends_on:\n      - controller-0\n      - controller-1\n      - controller-2\n")
                    .append("    environment:\n")
                    .append("      CLUSTER_ID: \"F2nsD7KSSVmirEknOirDpA\"\n")
                    .append("      KAFKA_NODE_ID: \"").append(i).append("\"\n")
                    .append("      KAFKA_PROCESS_ROLES: \"broker\"\n")
                    .append("      KAFKA_LISTENERS: \"INTERNAL://:9092,EXTERNAL://:9094\"\n")
                    .append("      KAFKA_ADVERTISED_LISTENERS: \"INTERNAL://broker-").append(i)
                    .append(":9092,EXTERNAL://localhost:").append(49092 + i).append("\"\n")
                    .append("      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: \"CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,"
                            + "EXTERNAL:PLAINTEXT\"\n")
                    .append("      KAFKA_CONTROLLER_LISTENER_NAMES: \"CONTROLLER\"\n")
                    .append("      KAFKA_INTER_BROKER_LISTENER_NAME: \"INTERNAL\"\n")
                    .append("      KAFKA_CONTROLLER_QUORUM_VOTERS: \"").append(voters).append("\"\n");
            new java.util.TreeMap<>(EmbeddedKafkaCluster.defaultBrokerProperties(2)).forEach((name, value) -> yaml.append("      ")
                    .append(ComposeChecker.envName(name)).append(": \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }

    /** Replaces {@code from} with {@code to} only inside the block of {@code service}. */
    private static String replaceInService(String yaml, String service, String from, String to) {
        int start = yaml.indexOf("\n  " + service + ":\n");
        assertThat(start).as("service %s in the snippet", service).isNotNegative();
        int end = yaml.indexOf("\n  ", yaml.indexOf("\n", start + 1) + 1);
        while (end >= 0 && yaml.startsWith("\n   ", end)) {
            end = yaml.indexOf("\n  ", end + 1);
        }
        end = end < 0 ? yaml.length() : end;
        String block = yaml.substring(start, end);
        assertThat(block).as("service %s contains %s", service, from).contains(from);
        return yaml.substring(0, start) + block.replace(from, to) + yaml.substring(end);
    }

    private static List<Problem> check(String yaml) {
        return ComposeChecker.check(Map.of(FILE, yaml), null);
    }

    private static void assertProblem(List<Problem> problems, String service, String setting, String fragment) {
        assertProblem(problems, FILE, service, setting, fragment);
    }

    private static void assertProblem(List<Problem> problems, String file, String service, String setting,
            String fragment) {
        assertThat(problems).as("expected a problem in %s, service %s, setting %s mentioning '%s'; found:%n%s", file,
                service, setting, fragment, lines(problems))
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(file);
                    assertThat(p.service()).isEqualTo(service);
                    assertThat(p.setting()).isEqualTo(setting);
                    assertThat(p.message()).contains(fragment);
                    assertThat(p.toString()).contains(file, service, setting);
                });
    }

    private static ComposeFile load(String name) {
        Path file = ComposeChecker.locateDockerDir().resolve(name);
        try {
            return ComposeChecker.load(name, Files.readString(file)).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String lines(List<Problem> problems) {
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
