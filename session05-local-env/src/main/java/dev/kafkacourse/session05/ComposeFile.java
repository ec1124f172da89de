package dev.kafkacourse.session05;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Compose file of {@code docker/}, read into what the course cares about: its services, and for each Kafka
 * node the KRaft and listener settings the {@code apache/kafka} image turns its environment into.
 *
 * @param name     the file name, e.g. {@code kafka-cluster.yml}
 * @param version  the top-level {@code version} (Compose v1 needs it), or null
 * @param services the services, in file order
 */
public record ComposeFile(String name, String version, List<Service> services) {

    /**
     * A service of a Compose file.
     *
     * @param environment its environment, values as text
     * @param ports       its published ports
     */
    public record Service(String name, String image, String hostname, Map<String, String> environment,
            List<PublishedPort> ports, List<String> dependsOn, List<String> volumes) {

        /** The image's repository without the tag, e.g. {@code apache/kafka}. */
        public String imageRepository() {
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            return colon > slash ? image.substring(0, colon) : image;
        }

        /** The image's tag, or empty if it has none (which means {@code latest}). */
        public String imageTag() {
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            return colon > slash ? image.substring(colon + 1) : "";
        }

        /** The names other containers on the Compose network can use for it: the service name and its hostname. */
        public Set<String> networkNames() {
            Set<String> names = new LinkedHashSet<>(List.of(name));
            if (hostname != null && !hostname.isBlank()) {
                names.add(hostname);
            }
            return names;
        }

        /** Whether the {@code apache/kafka} image (or a look-alike with Kafka settings) runs here. */
        public boolean isKafkaNode() {
            return imageRepository().toLowerCase(Locale.ROOT).endsWith("kafka")
                    || environment.containsKey("KAFKA_PROCESS_ROLES");
        }
    }

    /** A published port {@code [hostIp:]hostPort:containerPort}. */
    public record PublishedPort(String hostIp, int hostPort, int containerPort) {
        private static final Pattern SHORT_SYNTAX = Pattern.compile("^(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d+):(\\d+)(?:/(tcp|udp))?$");

        /** Parses Compose's short syntax; empty if {@code text} is not {@code [ip:]host:container[/proto]}. */
        public static Optional<PublishedPort> parse(String text) {
            Matcher m = SHORT_SYNTAX.matcher(text.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new PublishedPort(m.group(1) == null ? "" : m.group(1), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }

        @Override
        public String toString() {
            return (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + ":" + containerPort;
        }
    }

    /** One listener endpoint, {@code NAME://host:port} (host may be empty: all interfaces). */
    public record Listener(String name, String host, int port) {
        private static final Pattern FORMAT = Pattern.compile("^([A-Za-z0-9_-]+)://(\\[[^]]*]|[^:/]*):(\\d+)$");

        /** Parses a comma-separated listener list; a malformed entry becomes an {@link IllegalArgumentException}. */
        public static List<Listener> parseList(String text) {
            List<Listener> listeners = new ArrayList<>();
            if (text == null || text.isBlank()) {
                return listeners;
            }
            for (String entry : text.split(",")) {
                Matcher m = FORMAT.matcher(entry.strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + entry.strip() + "' is not NAME://host:port");
                }
                listeners.add(new Listener(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
            return listeners;
        }

        @Override
        public String toString() {
            return name + "://" + host + ":" + port;
        }
    }

    /** One entry of {@code controller.quorum.voters}: {@code id@host:port}. */
    public record Voter(int id, String host, int port) {
        private static final Pattern FORMAT = Pattern.compile("^(\\d+)@([^:@]+):(\\d+)$");

        public static List<Voter> parseList(String text) {
            List<Voter> voters = new ArrayList<>();
            if (text == null || text.isBlank()) {
                return voters;
            }
            for (String entry : text.split(",")) {
                Matcher m = FORMAT.matcher(entry.strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + entry.strip() + "' is not {id}@{host}:{port}");
                }
                voters.add(new Voter(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3))));
            }
            return voters;
        }

        @Override
        public String toString() {
            return id + "@" + host + ":" + port;
        }
    }

    /**
     * A Kafka node's KRaft and listener settings, as the image's {@code server.properties} will have them.
     *
     * @param properties every server property the image derives from the service's environment
     */
    public record KafkaNode(Service service, Map<String, String> properties) {

        public static KafkaNode of(Service service) {
            return new KafkaNode(service, KafkaImageConfig.serverProperties(service.environment()));
        }

        public String property(String name) {
            return properties.get(name);
        }

        public Optional<Integer> nodeId() {
            try {
                return Optional.of(Integer.parseInt(properties.getOrDefault("node.id", "").strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        public Set<String> roles() {
            Set<String> roles = new LinkedHashSet<>();
            Arrays.stream(properties.getOrDefault("process.roles", "").split(",")).map(String::strip)
                    .filter(r -> !r.isEmpty()).forEach(roles::add);
            return roles;
        }

        public boolean isController() {
            return roles().contains("controller");
        }

        public boolean isBroker() {
            return roles().contains("broker");
        }

        public List<Listener> listeners() {
            return Listener.parseList(properties.get("listeners"));
        }

        public List<Listener> advertisedListeners() {
            return Listener.parseList(properties.get("advertised.listeners"));
        }

        public List<String> controllerListenerNames() {
            return Arrays.stream(properties.getOrDefault("controller.listener.names", "").split(","))
                    .map(String::strip).filter(n -> !n.isEmpty()).toList();
        }

        /** {@code listener.security.protocol.map} as name to protocol; a malformed entry maps to "". */
        public Map<String, String> securityProtocols() {
            Map<String, String> map = new LinkedHashMap<>();
            String text = properties.get("listener.security.protocol.map");
            if (text != null) {
                for (String entry : text.split(",")) {
                    String[] parts = entry.strip().split(":", 2);
                    map.put(parts[0].strip(), parts.length == 2 ? parts[1].strip() : "");
                }
            }
            return map;
        }

        public List<Voter> voters() {
            return Voter.parseList(properties.get("controller.quorum.voters"));
        }

        /** The CONTROLLER listener (the first listener named in controller.listener.names), if it has one. */
        public Optional<Listener> controllerListener() {
            List<String> names = controllerListenerNames();
            return listeners().stream().filter(l -> names.contains(l.name())).findFirst();
        }

        /** One line for a table: roles, node id and listeners. */
        public String describe() {
            return String.join("+", roles()) + " node " + nodeId().map(String::valueOf).orElse("?");
        }
    }
}
