package dev.kafkacourse.support.kafka;

import dev.kafkacourse.support.profile.ConnectionProfile;
import dev.kafkacourse.support.profile.ProfileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * A cluster someone else runs: MSK, Confluent Cloud, the compose cluster in docker/, or {@code ./course cluster}.
 * Bootstrap servers come from {@code KAFKA_BOOTSTRAP_SERVERS} (or {@code -Dkafka.bootstrap.servers}); security
 * settings from the properties file named by {@code KAFKA_CLIENT_CONFIG} (or {@code -Dkafka.client.config}), either
 * plain client properties or a {@link ConnectionProfile} ({@code course.profile=msk-scram}, ...).
 */
public final class ExternalKafkaCluster implements KafkaCluster {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap.servers";
    public static final String CLIENT_CONFIG_ENV = "KAFKA_CLIENT_CONFIG";
    public static final String CLIENT_CONFIG_PROPERTY = "kafka.client.config";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final List<Integer> brokerIds;

    private ExternalKafkaCluster(String bootstrapServers, Map<String, Object> clientProperties,
            List<Integer> brokerIds) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.brokerIds = List.copyOf(brokerIds);
    }

    /** Connects using the environment; fails with a message naming the setting if it is missing or wrong. */
    public static ExternalKafkaCluster connect() {
        return connect(Settings.get(BOOTSTRAP_PROPERTY, BOOTSTRAP_ENV),
                Settings.get(CLIENT_CONFIG_PROPERTY, CLIENT_CONFIG_ENV));
    }

    /** The same from explicit settings (null: not set), so the messages can be tested whatever the environment. */
    static ExternalKafkaCluster connect(String servers, String configFile) {
        if (servers == null) {
            throw new KafkaSettingsException("kafka.mode=external needs the cluster's address: set " + BOOTSTRAP_ENV
                    + " (e.g. export " + BOOTSTRAP_ENV + "=b-1.mycluster.kafka.ap-northeast-2.amazonaws.com:9098) "
                    + "or -D" + BOOTSTRAP_PROPERTY + "=host:port. For TLS/SASL/IAM also set " + CLIENT_CONFIG_ENV
                    + " to a client properties file.");
        }
        Map<String, Object> props = configFile == null ? Map.of() : loadClientConfig(Path.of(configFile));
        return connect(servers, fromProfile(props, servers, configFile), DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * A client config file with {@code course.profile=...} is a connection profile (msk-scram, msk-iam, ...):
     * expanded into client properties after its offline checks. Any other file is used as it is.
     */
    static Map<String, Object> fromProfile(Map<String, Object> props, String servers, String configFile) {
        if (!ConnectionProfile.isProfile(props)) {
            return props;
        }
        try {
            Map<String, Object> expanded = new HashMap<>(ConnectionProfile.fromSettings(props).preflight(servers));
            expanded.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
            return expanded;
        } catch (ProfileException e) {
            throw new KafkaSettingsException("The connection profile in " + CLIENT_CONFIG_ENV + " (" + configFile
                    + ") cannot work: " + e.getMessage(), e);
        }
    }

    /** Connects to {@code bootstrapServers}, checking within {@code timeout} that a broker answers. */
    public static ExternalKafkaCluster connect(String bootstrapServers, Map<String, Object> clientProperties,
            Duration timeout) {
        Map<String, Object> adminProps = new HashMap<>(clientProperties);
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(adminProps)) {
            // Broker ids as the cluster has them: MSK's start at 1, a team cluster's may be anything.
            List<Integer> brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).stream().map(Node::id).sorted()
                    .toList();
            return new ExternalKafkaCluster(bootstrapServers, clientProperties, brokers);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaSettingsException("Could not reach Kafka at " + bootstrapServers + " (" + BOOTSTRAP_ENV
                    + ") within " + timeout.toSeconds() + " s: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage() + ". Check that the cluster is running and the address and port are "
                    + "right, that this machine can reach it (VPC, security group), and that the security "
                    + "settings in " + CLIENT_CONFIG_ENV + " match its listener.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSettingsException("Interrupted while connecting to " + bootstrapServers, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            String detail = e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
            throw new KafkaSettingsException("Kafka client settings for " + bootstrapServers + " are invalid: "
                    + detail.replaceAll("[.\\s]+$", "") + ". Check " + BOOTSTRAP_ENV + " and the file in "
                    + CLIENT_CONFIG_ENV + ".", e);
        }
    }

    static Map<String, Object> loadClientConfig(Path file) {
        if (!Files.isReadable(file)) {
            throw new KafkaSettingsException(CLIENT_CONFIG_ENV + " names " + file.toAbsolutePath()
                    + ", which does not exist or cannot be read. Point it at a client properties file "
                    + "(security.protocol, sasl.mechanism, ...), or unset it for a PLAINTEXT cluster.");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new KafkaSettingsException("Could not read " + CLIENT_CONFIG_ENV + " file " + file + ": "
                    + e.getMessage(), e);
        }
        Map<String, Object> props = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> props.put(name, properties.getProperty(name)));
        return props;
    }

    @Override
    public KafkaMode mode() {
        return KafkaMode.EXTERNAL;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    @Override
    public int brokerCount() {
        return brokerIds.size();
    }

    @Override
    public int brokerId(int index) {
        if (index < 0 || index >= brokerIds.size()) {
            throw new IllegalArgumentException("No broker " + index + ": the cluster at " + bootstrapServers
                    + " has " + brokerIds.size() + " brokers (ids " + brokerIds + ")");
        }
        return brokerIds.get(index);
    }

    /** Nothing to stop: the cluster outlives us. */
    @Override
    public void close() {
    }
}
