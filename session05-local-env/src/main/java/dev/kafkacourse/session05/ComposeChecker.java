package dev.kafkacourse.session05;

import dev.kafkacourse.support.kafka.EmbeddedKafkaCluster;
import dev.kafkacourse.session05.ComposeFile.KafkaNode;
import dev.kafkacourse.session05.ComposeFile.Listener;
import dev.kafkacourse.session05.ComposeFile.PublishedPort;
import dev.kafkacourse.session05.ComposeFile.Service;
import dev.kafkacourse.session05.ComposeFile.Voter;
import dev.kafkacourse.support.kafka.KafkaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks that the Compose files in {@code docker/} are consistent, so a typo fails the build instead of a
 * learner's evening: valid YAML that Compose v1 and v2 both load; the official {@code apache/kafka} image at the
 * course's Kafka version; every node's {@code KAFKA_CONTROLLER_QUORUM_VOTERS} naming every controller of its
 * file at the right id, host and port; unique node ids and host ports; listener names that agree with the
 * security protocol map, {@code KAFKA_CONTROLLER_LISTENER_NAMES} and {@code KAFKA_INTER_BROKER_LISTENER_NAME};
 * each broker's EXTERNAL listener advertised as {@code localhost:<its published host port>}; the course's broker
 * defaults; no ZooKeeper. Every problem names the file, the service and the setting, and says what to write.
 */
public final class ComposeChecker {

    /** Where a problem is and what to do about it. */
    public record Problem(String file, String service, String setting, String message) {
        @Override
        public String toString() {
            return file + ": service '" + service + "': " + setting + ": " + message;
        }
    }

    /** The listener the course's Compose files use for programs on the host machine. */
    public static final String EXTERNAL = "EXTERNAL";
    /** The Compose file format version: Compose v1 (docker-compose 1.29) needs one, v2 ignores it. */
    public static final String COMPOSE_VERSION = "3.8";
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "services", "networks", "volumes", "configs",
            "secrets");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> HOSTS_NO_ONE_CAN_REACH = Set.of("", "0.0.0.0", "::", "[::]");
    /** Internal topics whose replication factor cannot exceed the number of brokers (with Kafka's default). */
    private static final Map<String, Integer> REPLICATION_FACTORS = Map.of(
            "offsets.topic.replication.factor", 3,
            "transaction.state.log.replication.factor", 3,
            "share.coordinator.state.topic.replication.factor", 3,
            "default.replication.factor", 1);
    /** Settings the controllers need to agree with the course's brokers (failure detection is theirs). */
    private static final List<String> CONTROLLER_DEFAULTS = List.of("broker.session.timeout.ms",
            "broker.heartbeat.interval.ms");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final List<Problem> problems = new ArrayList<>();
    private final Path baseDir;

    private ComposeChecker(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Checks every {@code *.yml} file of {@code dockerDir}, and that no two of them publish the same host port. */
    public static List<Problem> check(Path dockerDir) {
        return check(readComposeFiles(dockerDir), dockerDir);
    }

    /**
     * Checks Compose files given as text ({@code file name -> YAML}), e.g. a snippet in a test.
     *
     * @param baseDir the folder relative bind mounts are resolved in, or null to skip checking that they exist
     */
    public static List<Problem> check(Map<String, String> yamlByFileName, Path baseDir) {
        ComposeChecker checker = new ComposeChecker(baseDir);
        List<ComposeFile> files = new ArrayList<>();
        yamlByFileName.forEach((name, yaml) -> checker.parse(name, yaml).ifPresent(files::add));
        files.forEach(checker::checkFile);
        checker.checkHostPortsAcrossFiles(files);
        return List.copyOf(checker.problems);
    }

    /** Reads {@code dockerDir/*.yml} (sorted by name). */
    public static Map<String, String> readComposeFiles(Path dockerDir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dockerDir)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".yml")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Compose files in " + dockerDir, e);
        }
        return files;
    }

    /** Parses one Compose file; YAML errors are reported as problems and give an empty result. */
    public static Optional<ComposeFile> load(String name, String yaml) {
        return new ComposeChecker(null).parse(name, yaml);
    }

    /** Finds the repository's {@code docker/} folder from the working directory (the repository or a module). */
    public static Path locateDockerDir() {
        String root = System.getProperty("course.root");
        List<Path> candidates = new ArrayList<>();
        if (root != null) {
            candidates.add(Path.of(root));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir);
        }
        return candidates.stream().map(dir -> dir.resolve("docker"))
                .filter(dir -> Files.isRegularFile(dir.resolve("kafka-cluster.yml")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No docker/ folder with kafka-cluster.yml above "
                        + Path.of("").toAbsolutePath() + ": run this from the course repository"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    private Optional<ComposeFile> parse(String file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            problem(file, "-", "YAML", "not valid YAML: " + e.getOriginalMessage()
                    + location(e) + ". Fix the indentation or quoting there.");
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            problem(file, "-", "YAML", "the file must be a YAML mapping with a top-level 'services:' key");
            return Optional.empty();
        }
        for (String key : root.propertyNames()) {
            if (!TOP_LEVEL_KEYS.contains(key) && !key.startsWith("x-")) {
                problem(file, "-", key, "unknown top-level key '" + key + "'"
                        + (key.equals("name") ? " (Compose v1 cannot load a file with 'name:'; pass -p instead)" : "")
                        + ". Allowed: " + new java.util.TreeSet<>(TOP_LEVEL_KEYS) + " and x-* extensions.");
            }
        }
        JsonNode version = root.get("version");
        String versionText = version == null ? null : version.asString();
        if (version == null || !version.isString() || !COMPOSE_VERSION.equals(versionText)) {
            problem(file, "-", "version", "must be version: \"" + COMPOSE_VERSION + "\" (a quoted string), was "
                    + (version == null ? "missing" : version.toString()) + ". docker-compose v1 needs it; Compose v2 "
                    + "ignores it.");
        }
        JsonNode services = root.get("services");
        if (services == null || !services.isObject() || services.isEmpty()) {
            problem(file, "-", "services", "the file has no services");
            return Optional.of(new ComposeFile(file, versionText, List.of()));
        }
        List<Service> parsed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : services.properties()) {
            parseService(file, entry.getKey(), entry.getValue()).ifPresent(parsed::add);
        }
        return Optional.of(new ComposeFile(file, versionText, List.copyOf(parsed)));
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private Optional<Service> parseService(String file, String name, JsonNode node) {
        if (!node.isObject()) {
            problem(file, name, "service", "a service must be a mapping (image:, environment:, ...)");
            return Optional.empty();
        }
        String image = text(node.get("image"));
        if (image == null || image.isBlank()) {
            problem(file, name, "image", "every service needs an image (the course builds none)");
            image = "";
        }
        String hostname = text(node.get("hostname"));
        Map<String, String> environment = environment(file, name, node.get("environment"));
        List<PublishedPort> ports = new ArrayList<>();
        for (JsonNode port : elements(node.get("ports"))) {
            if (!port.isString()) {
                problem(file, name, "ports", "write each port mapping as a quoted string \"127.0.0.1:HOST:CONTAINER\", "
                        + "was " + port + " (unquoted, YAML 1.1 reads some HOST:CONTAINER pairs as numbers)");
                continue;
            }
            Optional<PublishedPort> published = PublishedPort.parse(port.asString());
            if (published.isEmpty()) {
                problem(file, name, "ports", "'" + port.asString() + "' is not [IP:]HOST:CONTAINER");
            }
            published.ifPresent(ports::add);
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode depends = node.get("depends_on");
        if (depends != null && !depends.isArray()) {
            problem(file, name, "depends_on", "use the list form (- other-service); conditions are not understood "
                    + "the same way by docker-compose v1");
        }
        elements(depends).forEach(d -> dependsOn.add(d.asString()));
        List<String> volumes = new ArrayList<>();
        elements(node.get("volumes")).forEach(v -> volumes.add(v.asString()));
        return Optional.of(new Service(name, image, hostname, environment, List.copyOf(ports), List.copyOf(dependsOn),
                List.copyOf(volumes)));
    }

    private Map<String, String> environment(String file, String service, JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        if (node == null) {
            return env;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String entry = item.asString();
                int equals = entry.indexOf('=');
                if (equals < 1) {
                    problem(file, service, "environment", "'" + entry + "' is not NAME=value");
                    continue;
                }
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
            return env;
        }
        if (!node.isObject()) {
            problem(file, service, "environment", "must be a mapping (NAME: \"value\") or a list (- NAME=value)");
            return env;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isBoolean() || value.isNull() || value.isContainer()) {
                problem(file, service, entry.getKey(), "quote the value (" + entry.getKey() + ": \"" + value.asString()
                        + "\"): docker-compose v1 rejects unquoted true/false and empty values");
            }
            env.put(entry.getKey(), value.isNull() ? "" : value.asString());
        }
        return env;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(list::add);
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks of one file

    private void checkFile(ComposeFile file) {
        Set<String> serviceNames = file.services().stream().map(Service::name).collect(Collectors.toSet());
        Map<Integer, String> hostPorts = new HashMap<>();
        for (Service service : file.services()) {
            checkImage(file, service);
            checkNoZooKeeper(file, service);
            for (String dependency : service.dependsOn()) {
                if (!serviceNames.contains(dependency)) {
                    problem(file.name(), service.name(), "depends_on", "names '" + dependency + "', which is no "
                            + "service of this file (services: " + serviceNames + ")");
                }
            }
            for (PublishedPort port : service.ports()) {
                String other = hostPorts.putIfAbsent(port.hostPort(), service.name());
                if (other != null) {
                    problem(file.name(), service.name(), "ports", "host port " + port.hostPort()
                            + " is also published by service '" + other + "': give each its own");
                }
            }
            checkBindMounts(file, service);
        }
        List<Service> kafkaServices = file.services().stream().filter(Service::isKafkaNode).toList();
        if (!kafkaServices.isEmpty()) {
            checkKafkaNodes(file, kafkaServices.stream().map(KafkaNode::of).toList());
        }
    }

    private void checkImage(ComposeFile file, Service service) {
        if (service.image().isEmpty()) {
            return;
        }
        String expectedKafka = "apache/kafka:" + KafkaVersion.VERSION;
        if (service.isKafkaNode()) {
            if (!service.image().equals(expectedKafka)) {
                problem(file.name(), service.name(), "image", "is " + service.image() + "; the course runs the "
                        + "official image at its Kafka version: image: " + expectedKafka);
            }
        } else if (service.imageTag().isEmpty() || service.imageTag().equals("latest")) {
            problem(file.name(), service.name(), "image", "pin a version (" + service.image() + " changes under "
                    + "you): e.g. " + service.imageRepository() + ":<version>");
        }
    }

    private void checkNoZooKeeper(ComposeFile file, Service service) {
        if (service.name().toLowerCase(Locale.ROOT).contains("zookeeper")
                || service.image().toLowerCase(Locale.ROOT).contains("zookeeper")) {
            problem(file.name(), service.name(), "image", "ZooKeeper is gone from Kafka 4: KRaft controllers "
                    + "(KAFKA_PROCESS_ROLES: \"controller\") keep the metadata. Remove this service.");
        }
        service.environment().forEach((key, value) -> {
            if (key.toUpperCase(Locale.ROOT).contains("ZOOKEEPER") || value.toLowerCase(Locale.ROOT).contains("zookeeper")) {
                problem(file.name(), service.name(), key, "ZooKeeper settings do nothing in Kafka 4 (KRaft only): "
                        + "remove it and use KAFKA_CONTROLLER_QUORUM_VOTERS");
            }
        });
    }

    private void checkBindMounts(ComposeFile file, Service service) {
        if (baseDir == null) {
            return;
        }
        for (String volume : service.volumes()) {
            String source = volume.split(":", 2)[0];
            if ((source.startsWith("./") || source.startsWith("../")) && !Files.exists(baseDir.resolve(source))) {
                problem(file.name(), service.name(), "volumes", "mounts " + source + ", which does not exist in "
                        + baseDir);
            }
        }
    }

    private void checkKafkaNodes(ComposeFile file, List<KafkaNode> nodes) {
        Map<Integer, String> nodeIds = new HashMap<>();
        List<KafkaNode> usable = new ArrayList<>();
        String clusterId = null;
        String clusterIdService = null;
        for (KafkaNode node : nodes) {
            String service = node.service().name();
            if (!requiredSettingsPresent(file, node)) {
                continue;
            }
            Optional<Integer> id = node.nodeId();
            if (id.isEmpty()) {
                problem(file.name(), service, "KAFKA_NODE_ID", "must be a number, was '" + node.property("node.id") + "'");
                continue;
            }
            String other = nodeIds.putIfAbsent(id.get(), service);
            if (other != null) {
                problem(file.name(), service, "KAFKA_NODE_ID", id.get() + " is also the node id of service '" + other
                        + "': every node of a cluster needs its own");
            }
            String cid = node.service().environment().get("CLUSTER_ID");
            if (clusterId == null) {
                clusterId = cid;
                clusterIdService = service;
            } else if (!clusterId.equals(cid)) {
                problem(file.name(), service, "CLUSTER_ID", "is '" + cid + "' but service '" + clusterIdService
                        + "' has '" + clusterId + "': nodes formatted with different cluster ids refuse each other");
            }
            if (!isValidClusterId(cid)) {
                problem(file.name(), service, "CLUSTER_ID", "'" + cid + "' is not a Kafka cluster id (22 characters "
                        + "of URL-safe base64, e.g. the output of kafka-storage.sh random-uuid)");
            }
            if (checkListeners(file, node)) {
                usable.add(node);
            }
        }
        List<KafkaNode> controllers = usable.stream().filter(KafkaNode::isController).toList();
        if (controllers.isEmpty() && !usable.isEmpty()) {
            problem(file.name(), "-", "KAFKA_PROCESS_ROLES", "no node of this file is a controller: a KRaft cluster "
                    + "needs at least one (KAFKA_PROCESS_ROLES: \"controller\" or \"broker,controller\")");
        }
        int brokers = (int) usable.stream().filter(KafkaNode::isBroker).count();
        for (KafkaNode node : usable) {
            int before = problems.size();
            checkVoters(file, node, controllers);
            if (node.isBroker()) {
                checkExternalListener(file, node);
                checkInterBrokerListener(file, node);
                checkBrokerDefaults(file, node, brokers);
            } else {
                checkControllerDefaults(file, node, brokers);
            }
            if (problems.size() == before) {
                checkWithKafka(file, node);
            }
        }
    }

    private boolean requiredSettingsPresent(ComposeFile file, KafkaNode node) {
        boolean ok = true;
        for (String env : List.of("CLUSTER_ID", "KAFKA_NODE_ID", "KAFKA_PROCESS_ROLES", "KAFKA_LISTENERS",
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "KAFKA_CONTROLLER_LISTENER_NAMES")) {
            if (!node.service().environment().containsKey(env)) {
                problem(file.name(), node.service().name(), env, "missing: every Kafka node of the course sets it "
                        + "(with any KAFKA_* variable set, the image uses no defaults)");
                ok = false;
            }
        }
        Set<String> roles = node.roles();
        if (roles.isEmpty() || !Set.of("broker", "controller").containsAll(roles)) {
            problem(file.name(), node.service().name(), "KAFKA_PROCESS_ROLES", "must be \"broker\", \"controller\" or "
                    + "\"broker,controller\", was '" + node.property("process.roles") + "'");
            ok = false;
        }
        if (node.property("controller.quorum.voters") == null
                && node.property("controller.quorum.bootstrap.servers") == null) {
            problem(file.name(), node.service().name(), "KAFKA_CONTROLLER_QUORUM_VOTERS", "missing: every node must "
                    + "know the controller quorum (id@host:port of every controller)");
            ok = false;
        }
        return ok;
    }

    private static boolean isValidClusterId(String id) {
        try {
            Uuid.fromString(id);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Listener names against the protocol map and the role; returns false when the listeners cannot be read. */
    private boolean checkListeners(ComposeFile file, KafkaNode node) {
        String service = node.service().name();
        List<Listener> listeners;
        List<Listener> advertised;
        try {
            listeners = node.listeners();
        } catch (IllegalArgumentException e) {
            problem(file.name(), service, "KAFKA_LISTENERS", e.getMessage() + ", e.g. \"INTERNAL://:9092\"");
            return false;
        }
        try {
            advertised = node.advertisedListeners();
        } catch (IllegalArgumentException e) {
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", e.getMessage()
                    + ", e.g. \"EXTERNAL://localhost:29092\"");
            return false;
        }
        Map<String, String> protocols = node.securityProtocols();
        protocols.forEach((name, protocol) -> {
            if (!PROTOCOLS.contains(protocol)) {
                problem(file.name(), service, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "maps listener " + name + " to '"
                        + protocol + "', which is no security protocol (" + PROTOCOLS + "); write " + name + ":PLAINTEXT");
            }
        });
        Set<String> listenerNames = listeners.stream().map(Listener::name).collect(Collectors.toSet());
        Map<Integer, String> ports = new HashMap<>();
        for (Listener listener : listeners) {
            if (!protocols.containsKey(listener.name())) {
                problem(file.name(), service, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "has no entry for listener "
                        + listener.name() + " of KAFKA_LISTENERS: add " + listener.name() + ":PLAINTEXT");
            }
            String other = ports.putIfAbsent(listener.port(), listener.name());
            if (other != null) {
                problem(file.name(), service, "KAFKA_LISTENERS", "listeners " + other + " and " + listener.name()
                        + " both use port " + listener.port() + ": each listener needs its own port");
            }
        }
        for (Listener listener : advertised) {
            if (!listenerNames.contains(listener.name())) {
                problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises listener " + listener.name()
                        + ", which KAFKA_LISTENERS does not define (it has " + listenerNames + ")");
            }
            if (HOSTS_NO_ONE_CAN_REACH.contains(listener.host())) {
                problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises " + listener
                        + ": clients are told to connect there, so give a host they can resolve (localhost for "
                        + "this machine, the service name for other containers)");
            }
        }
        List<String> controllerNames = node.controllerListenerNames();
        for (String name : controllerNames) {
            if (!protocols.containsKey(name)) {
                problem(file.name(), service, "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "has no entry for controller "
                        + "listener " + name + " (KAFKA_CONTROLLER_LISTENER_NAMES): add " + name + ":PLAINTEXT");
            }
            if (advertised.stream().anyMatch(l -> l.name().equals(name)) && !node.isController()) {
                problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises the controller listener "
                        + name + " to clients: advertise only client listeners");
            }
        }
        if (node.isController() && node.controllerListener().isEmpty()) {
            problem(file.name(), service, "KAFKA_CONTROLLER_LISTENER_NAMES", "names " + controllerNames + ", but "
                    + "KAFKA_LISTENERS has no such listener (it has " + listenerNames + "): a controller must listen "
                    + "on its controller listener");
        }
        if (!node.isController()) {
            for (String name : controllerNames) {
                if (listenerNames.contains(name)) {
                    problem(file.name(), service, "KAFKA_LISTENERS", "a broker-only node must not listen on the "
                            + "controller listener " + name + ": remove it from KAFKA_LISTENERS");
                }
            }
        }
        return true;
    }

    private void checkVoters(ComposeFile file, KafkaNode node, List<KafkaNode> controllers) {
        String service = node.service().name();
        if (node.property("controller.quorum.voters") == null) {
            checkBootstrapServers(file, node, controllers);
            return;
        }
        List<Voter> voters;
        try {
            voters = node.voters();
        } catch (IllegalArgumentException e) {
            problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", e.getMessage() + ": write "
                    + expectedVoters(controllers));
            return;
        }
        Map<Integer, Voter> byId = new HashMap<>();
        for (Voter voter : voters) {
            if (byId.putIfAbsent(voter.id(), voter) != null) {
                problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", "names node " + voter.id() + " twice");
            }
        }
        Set<Integer> controllerIds = controllers.stream().map(c -> c.nodeId().orElseThrow()).collect(Collectors.toSet());
        for (KafkaNode controller : controllers) {
            int id = controller.nodeId().orElseThrow();
            String name = controller.service().name();
            int port = controller.controllerListener().map(Listener::port).orElse(-1);
            Voter voter = byId.get(id);
            if (voter == null) {
                problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", "does not name controller '" + name
                        + "' (node " + id + "): every node lists every controller, so write " + expectedVoters(controllers));
            } else if (!controller.service().networkNames().contains(voter.host())) {
                problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", "names node " + id + " at host '"
                        + voter.host() + "', but node " + id + " is service '" + name + "': write " + id + "@" + name
                        + ":" + port);
            } else if (voter.port() != port) {
                problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", "names node " + id + " at port "
                        + voter.port() + ", but controller '" + name + "' listens on " + port + ": write " + id + "@"
                        + name + ":" + port);
            }
        }
        for (Voter voter : voters) {
            if (!controllerIds.contains(voter.id())) {
                problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_VOTERS", "names node " + voter.id()
                        + ", which is no controller of this file (controllers: " + new java.util.TreeSet<>(controllerIds)
                        + "): " + expectedVoters(controllers));
            }
        }
    }

    private void checkBootstrapServers(ComposeFile file, KafkaNode node, List<KafkaNode> controllers) {
        String service = node.service().name();
        Set<String> expected = controllers.stream().map(c -> c.service().name() + ":"
                + c.controllerListener().map(Listener::port).orElse(-1)).collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> actual = java.util.Arrays.stream(node.property("controller.quorum.bootstrap.servers").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!actual.equals(expected)) {
            problem(file.name(), service, "KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS", "is " + actual + ", but the "
                    + "controllers of this file are at " + expected);
        }
    }

    private static String expectedVoters(List<KafkaNode> controllers) {
        return "\"" + controllers.stream().map(c -> c.nodeId().orElseThrow() + "@" + c.service().name() + ":"
                + c.controllerListener().map(Listener::port).orElse(-1)).collect(Collectors.joining(",")) + "\"";
    }

    private void checkExternalListener(ComposeFile file, KafkaNode node) {
        String service = node.service().name();
        Optional<Listener> bound = node.listeners().stream().filter(l -> l.name().equals(EXTERNAL)).findFirst();
        Optional<Listener> advertised = node.advertisedListeners().stream().filter(l -> l.name().equals(EXTERNAL))
                .findFirst();
        if (bound.isEmpty()) {
            problem(file.name(), service, "KAFKA_LISTENERS", "has no " + EXTERNAL + " listener: programs on this "
                    + "machine reach a broker through it, e.g. EXTERNAL://:9094 published as \"127.0.0.1:<host port>:9094\"");
            return;
        }
        if (advertised.isEmpty()) {
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "does not advertise the " + EXTERNAL
                    + " listener: add EXTERNAL://localhost:<published host port>");
            return;
        }
        Listener external = advertised.get();
        if (!external.host().equals("localhost")) {
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises " + external + ": programs on "
                    + "this machine cannot resolve '" + external.host() + "' (container names resolve only inside the "
                    + "Compose network); advertise EXTERNAL://localhost:" + external.port());
        }
        Optional<PublishedPort> published = node.service().ports().stream()
                .filter(p -> p.hostPort() == external.port()).findFirst();
        if (published.isEmpty()) {
            String actual = node.service().ports().stream().map(PublishedPort::toString).collect(Collectors.joining(", "));
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises " + external + ", but the "
                    + "service publishes no host port " + external.port() + " (ports: " + (actual.isEmpty() ? "none"
                    : actual) + "): clients would connect to a port nothing listens on. Advertise the published host "
                    + "port, or publish \"127.0.0.1:" + external.port() + ":" + bound.get().port() + "\"");
        } else if (published.get().containerPort() != bound.get().port()) {
            problem(file.name(), service, "ports", "publishes " + published.get() + ", but the " + EXTERNAL
                    + " listener listens on container port " + bound.get().port() + ": publish \"127.0.0.1:"
                    + external.port() + ":" + bound.get().port() + "\"");
        } else if (!published.get().hostIp().isEmpty() && !published.get().hostIp().equals("127.0.0.1")) {
            problem(file.name(), service, "ports", "publishes " + published.get() + ", but localhost is 127.0.0.1: "
                    + "publish \"127.0.0.1:" + external.port() + ":" + bound.get().port() + "\"");
        }
    }

    private void checkInterBrokerListener(ComposeFile file, KafkaNode node) {
        String service = node.service().name();
        String name = node.property("inter.broker.listener.name");
        if (name == null) {
            problem(file.name(), service, "KAFKA_INTER_BROKER_LISTENER_NAME", "missing: name the listener brokers "
                    + "replicate over (the course uses INTERNAL)");
            return;
        }
        Optional<Listener> bound = node.listeners().stream().filter(l -> l.name().equals(name)).findFirst();
        Optional<Listener> advertised = node.advertisedListeners().stream().filter(l -> l.name().equals(name))
                .findFirst();
        if (bound.isEmpty()) {
            problem(file.name(), service, "KAFKA_INTER_BROKER_LISTENER_NAME", "is " + name + ", which KAFKA_LISTENERS "
                    + "does not define (it has " + node.listeners().stream().map(Listener::name).toList() + ")");
            return;
        }
        if (advertised.isEmpty()) {
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "does not advertise the inter-broker "
                    + "listener " + name + ": add " + name + "://" + service + ":" + bound.get().port());
            return;
        }
        Listener internal = advertised.get();
        if (!node.service().networkNames().contains(internal.host()) || internal.port() != bound.get().port()) {
            problem(file.name(), service, "KAFKA_ADVERTISED_LISTENERS", "advertises " + internal + " for replication, "
                    + "but other containers reach this broker at " + service + ":" + bound.get().port() + ": advertise "
                    + name + "://" + service + ":" + bound.get().port());
        }
    }

    private void checkBrokerDefaults(ComposeFile file, KafkaNode node, int brokers) {
        String service = node.service().name();
        Set<String> reported = new java.util.HashSet<>();
        REPLICATION_FACTORS.forEach((name, kafkaDefault) -> {
            int factor = intProperty(node, name, kafkaDefault);
            if (factor > brokers) {
                reported.add(name);
                problem(file.name(), service, envName(name), factor + " replicas, but this file has only " + brokers
                        + " broker(s): the topic can never be created (the first consumer group or transaction waits "
                        + "forever). Set " + envName(name) + ": \"" + Math.min(brokers, 3) + "\"");
            }
        });
        int transactionFactor = intProperty(node, "transaction.state.log.replication.factor", 3);
        if (intProperty(node, "transaction.state.log.min.isr", 2) > transactionFactor) {
            reported.add("transaction.state.log.min.isr");
            problem(file.name(), service, "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "is larger than "
                    + "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR (" + transactionFactor + "): no transaction "
                    + "could ever commit");
        }
        new java.util.TreeMap<>(EmbeddedKafkaCluster.defaultBrokerProperties(brokers)).forEach((name, value) -> {
            if (!reported.contains(name) && !value.equals(node.property(name))) {
                problem(file.name(), service, envName(name), "is " + (node.property(name) == null ? "not set"
                        : "'" + node.property(name) + "'") + ", but the course's " + brokers + "-broker clusters use '"
                        + value + "' (EmbeddedKafkaCluster.defaultBrokerProperties), so tests behave the same on "
                        + "every backend: set " + envName(name) + ": \"" + value + "\"");
            }
        });
    }

    private void checkControllerDefaults(ComposeFile file, KafkaNode node, int brokers) {
        Map<String, String> defaults = new java.util.TreeMap<>(EmbeddedKafkaCluster.defaultBrokerProperties(Math.max(brokers, 1)));
        for (String name : CONTROLLER_DEFAULTS) {
            if (!defaults.get(name).equals(node.property(name))) {
                problem(file.name(), node.service().name(), envName(name), "is " + (node.property(name) == null
                        ? "not set" : "'" + node.property(name) + "'") + ", but the course's controllers use '"
                        + defaults.get(name) + "' (the controller decides when a silent broker is fenced): set "
                        + envName(name) + ": \"" + defaults.get(name) + "\"");
            }
        }
    }

    /** Kafka's own validation of what the image will write: catches what the checks above do not know about. */
    private void checkWithKafka(ComposeFile file, KafkaNode node) {
        Properties properties = new Properties();
        properties.putAll(node.properties());
        try {
            KraftCluster.configOf(properties);
        } catch (IllegalArgumentException e) {
            problem(file.name(), node.service().name(), "environment", "Kafka rejects the server.properties the image "
                    + "would write: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    private static int intProperty(KafkaNode node, String name, int kafkaDefault) {
        try {
            String value = node.property(name);
            return value == null ? kafkaDefault : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return kafkaDefault;
        }
    }

    /** {@code offsets.topic.replication.factor} becomes {@code KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR}. */
    static String envName(String property) {
        // Enough for the dotted names checked here; names with '_' or '-' need the image's escapes (exercise 1).
        return "KAFKA_" + property.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks across files

    private void checkHostPortsAcrossFiles(List<ComposeFile> files) {
        Map<Integer, String> owners = new HashMap<>();
        for (ComposeFile file : files) {
            Set<Integer> seenInFile = new java.util.HashSet<>();
            for (Service service : file.services()) {
                for (PublishedPort port : service.ports()) {
                    if (!seenInFile.add(port.hostPort())) {
                        continue; // reported by the file's own check
                    }
                    String owner = owners.putIfAbsent(port.hostPort(), file.name() + " service '" + service.name() + "'");
                    if (owner != null && !owner.startsWith(file.name() + " ")) {
                        problem(file.name(), service.name(), "ports", "host port " + port.hostPort() + " is also "
                                + "published by " + owner + ": the files must be able to run side by side, so give "
                                + "each its own port");
                    }
                }
            }
        }
    }

    private void problem(String file, String service, String setting, String message) {
        problems.add(new Problem(file, service, setting, message));
    }
}
