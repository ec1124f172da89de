package dev.kafkacourse.support.security;

import dev.kafkacourse.support.kafka.EmbeddedKafkaCluster;
import dev.kafkacourse.support.kafka.KafkaCluster;
import dev.kafkacourse.support.kafka.KafkaMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A one-node KRaft broker in this JVM with real security: a {@code SASL_SSL} listener (SCRAM-SHA-512 over TLS) and
 * an {@code SSL} listener that requires a client certificate (mutual TLS), the {@code StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false}, and certificates made at start by {@link TestCertificates}.
 *
 * <p>As a {@link KafkaCluster} it connects as the super user {@value #SUPER_USER}, so
 * {@code KafkaFixture.on(secureCluster, name)} creates topics and ACLs. Other principals are SCRAM users made with
 * {@link #createUser}; {@link #clientProperties(String)} gives the settings a client of that user needs.
 *
 * <p>Trade-off of an in-JVM lab broker: the KRaft controller listener stays {@code PLAINTEXT} (the test kit's
 * quorum runs on it), so {@code User:ANONYMOUS} must be a super user or the node never starts. Clients are never
 * told about that listener; a production cluster secures it too.
 */
public final class SecureKafkaCluster implements KafkaCluster {

    /** The principal that administers the cluster (super user). */
    public static final String SUPER_USER = "admin";
    /** The principal the broker uses to talk to itself on the inter-broker listener (super user). */
    public static final String BROKER_USER = "broker";
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** The SASL_SSL listener clients use (the test kit's broker listener). */
    public static final String SASL_SSL_LISTENER = "EXTERNAL";
    /** The mutual-TLS listener: no password, the client certificate is the identity. */
    public static final String MTLS_LISTENER = "MTLS";
    /** Maps a client certificate's subject {@code CN=collector,OU=kafka-course} to the principal {@code User:collector}. */
    public static final String PRINCIPAL_MAPPING_RULES =
            "RULE:^CN=([^,]+)" + TestCertificates.CLIENT_SUBJECT_SUFFIX + "$/$1/,DEFAULT";

    private static final int SCRAM_ITERATIONS = 4096;
    private static final AtomicInteger USER_SEQUENCE = new AtomicInteger();
    private static SecureKafkaCluster shared;

    private final KafkaClusterTestKit testKit;
    private final TestCertificates certificates;
    private final Path baseDir;
    private final String bootstrapServers;
    private final String mtlsBootstrapServers;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private Admin admin;

    private SecureKafkaCluster(KafkaClusterTestKit testKit, TestCertificates certificates, Path baseDir,
            Map<String, String> passwords) {
        this.testKit = testKit;
        this.certificates = certificates;
        this.baseDir = baseDir;
        this.passwords.putAll(passwords);
        var broker = testKit.brokers().values().iterator().next();
        this.bootstrapServers = "localhost:" + broker.boundPort(ListenerName.normalised(SASL_SSL_LISTENER));
        this.mtlsBootstrapServers = "localhost:" + broker.boundPort(ListenerName.normalised(MTLS_LISTENER));
    }

    /** The JVM's one secure broker, started on first use and closed when the JVM exits. */
    public static synchronized SecureKafkaCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-course-secure-shutdown"));
        }
        return shared;
    }

    /** Starts a new secure broker (about 5–10 s); the caller closes it. Prefer {@link #shared()}. */
    public static SecureKafkaCluster start() {
        KafkaClusterTestKit testKit = null;
        Path baseDir = null;
        try {
            baseDir = Files.createTempDirectory("kafka-course-secure-");
            TestCertificates certificates = TestCertificates.create(baseDir.resolve("tls"));
            Map<String, String> passwords = Map.of(SUPER_USER, TestCertificates.newPassword(),
                    BROKER_USER, TestCertificates.newPassword());
            TestKitNodes nodes = new TestKitNodes.Builder(bootstrapMetadata(baseDir, passwords))
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBaseDirectory(baseDir.resolve("kraft")).build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            EmbeddedKafkaCluster.defaultBrokerProperties(1).forEach(builder::setConfigProp);
            brokerSecurityProperties(certificates, passwords.get(BROKER_USER)).forEach(builder::setConfigProp);
            testKit = builder.build();
            formatQuietly(testKit);
            testKit.startup();
            testKit.waitForReadyBrokers();
            return new SecureKafkaCluster(testKit, certificates, baseDir, passwords);
        } catch (Exception e) {
            if (testKit != null) {
                closeQuietly(testKit);
            }
            deleteQuietly(baseDir);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start the secure (SASL_SSL) Kafka broker: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The broker side of TLS, SCRAM and the authorizer. Each listener gets its protocol from the map; the test kit
     * only fills in settings that are not set here.
     */
    static Map<String, String> brokerSecurityProperties(TestCertificates certificates, String brokerPassword) {
        Map<String, String> props = new HashMap<>();
        props.put("listener.security.protocol.map",
                SASL_SSL_LISTENER + ":SASL_SSL," + MTLS_LISTENER + ":SSL,CONTROLLER:PLAINTEXT");
        props.put("listeners", SASL_SSL_LISTENER + "://localhost:0," + MTLS_LISTENER
                + "://localhost:0,CONTROLLER://localhost:0");
        props.put("inter.broker.listener.name", SASL_SSL_LISTENER);
        props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        props.put("listener.name." + SASL_SSL_LISTENER.toLowerCase() + ".scram-sha-512.sasl.jaas.config",
                scramJaas(BROKER_USER, brokerPassword));
        props.put("ssl.keystore.type", TestCertificates.KeyStoreFile.TYPE);
        props.put("ssl.keystore.location", certificates.brokerKeyStore().path().toString());
        props.put("ssl.keystore.password", certificates.brokerKeyStore().password());
        props.put("ssl.truststore.type", TestCertificates.KeyStoreFile.TYPE);
        props.put("ssl.truststore.location", certificates.trustStore().path().toString());
        props.put("ssl.truststore.password", certificates.trustStore().password());
        props.put("ssl.endpoint.identification.algorithm", "https");
        props.put("listener.name." + MTLS_LISTENER.toLowerCase() + ".ssl.client.auth", "required");
        props.put("ssl.principal.mapping.rules", PRINCIPAL_MAPPING_RULES);
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:" + SUPER_USER + ";User:" + BROKER_USER + ";User:ANONYMOUS");
        return props;
    }

    /**
     * The users the broker needs before it can answer anyone (itself, and the admin that creates all other users)
     * go into the cluster's first metadata, as {@code kafka-storage format --add-scram} does.
     */
    private static BootstrapMetadata bootstrapMetadata(Path baseDir, Map<String, String> passwords)
            throws NoSuchAlgorithmException {
        BootstrapMetadata defaults = new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(baseDir.resolve("kraft"))
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION).build().bootstrapMetadata();
        List<ApiMessageAndVersion> records = new ArrayList<>(defaults.records());
        ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
        passwords.forEach((user, password) -> {
            ScramCredential credential = formatter.generateCredential(password, SCRAM_ITERATIONS);
            records.add(new ApiMessageAndVersion(new UserScramCredentialRecord()
                    .setName(user)
                    .setMechanism(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512.type())
                    .setSalt(credential.salt())
                    .setStoredKey(credential.storedKey())
                    .setServerKey(credential.serverKey())
                    .setIterations(credential.iterations()), (short) 0));
        });
        return BootstrapMetadata.fromRecords(records, "kafka-course secure broker");
    }

    // ---- users ----------------------------------------------------------------------------------------------

    /** {@code base-n}: a user name no other test of this JVM uses (users and ACLs are cluster-wide). */
    public static String uniqueUserName(String base) {
        return base + "-" + USER_SEQUENCE.incrementAndGet();
    }

    /** The principal Kafka's authorizer sees for a SCRAM user or a mapped certificate: {@code User:<name>}. */
    public static String principal(String user) {
        return "User:" + user;
    }

    /**
     * Creates (or resets) the SCRAM-SHA-512 user {@code name} with a generated password through {@code Admin}, and
     * returns once the broker accepts a login with it. Returns the password.
     */
    public String createUser(String name) {
        String password = TestCertificates.newPassword();
        try {
            admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512,
                            SCRAM_ITERATIONS), password))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create SCRAM user " + name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating SCRAM user " + name, e);
        }
        passwords.put(name, password);
        awaitLogin(name);
        return password;
    }

    /** The credential reaches the broker through the metadata log a moment after the controller accepted it. */
    private void awaitLogin(String name) {
        try (Admin asUser = Admin.create(clientProperties(name))) {
            Awaitility.await("SCRAM user " + name + " can log in")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> !asUser.describeCluster().nodes().get().isEmpty());
        }
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("No SCRAM user " + user + " was created on this broker: call "
                    + "createUser(\"" + user + "\") first");
        }
        return password;
    }

    // ---- ACLs -----------------------------------------------------------------------------------------------

    /**
     * Creates ACLs as the super user and returns once the broker enforces them. The controller commits an ACL
     * first; the broker's authorizer applies it from the metadata log a moment later, and a client that tries in
     * between is still refused. {@code describeAcls} is answered from the broker's authorizer, so seeing the
     * bindings there means they are in force.
     */
    public void createAcls(Collection<AclBinding> bindings) {
        try {
            admin().createAcls(bindings).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create ACLs " + bindings + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating ACLs", e);
        }
        Awaitility.await("ACLs in force on the broker").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> admin().describeAcls(AclBindingFilter.ANY).values().get().containsAll(bindings));
    }

    /** Deletes ACLs matching {@code filters} and returns once the broker no longer enforces them. */
    public void deleteAcls(Collection<AclBindingFilter> filters) {
        try {
            admin().deleteAcls(filters).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not delete ACLs " + filters + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting ACLs", e);
        }
        Awaitility.await("ACLs removed on the broker").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> admin().describeAcls(AclBindingFilter.ANY).values().get().stream()
                        .noneMatch(binding -> filters.stream().anyMatch(filter -> filter.matches(binding))));
    }

    // ---- client settings ------------------------------------------------------------------------------------

    /** The super user's settings (without bootstrap servers, as {@link KafkaCluster} asks). */
    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = clientProperties(SUPER_USER);
        props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return props;
    }

    /**
     * Everything a client of SCRAM user {@code user} needs, bootstrap servers included: SASL_SSL, SCRAM-SHA-512,
     * the CA trust store, hostname verification on.
     */
    public Map<String, Object> clientProperties(String user) {
        return clientPropertiesWithPassword(user, password(user));
    }

    public Map<String, Object> clientPropertiesWithPassword(String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        props.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
        props.putAll(trustStoreProperties(certificates.trustStore()));
        return props;
    }

    /** The right user, a wrong password: the broker answers with {@code SaslAuthenticationException}. */
    public Map<String, Object> clientPropertiesWithWrongPassword(String user) {
        password(user);
        return clientPropertiesWithPassword(user, "not-" + user + "s-password");
    }

    /**
     * No trust store: the client falls back to the JVM's public CAs, which never signed the broker's certificate,
     * so the TLS handshake fails ({@code SslAuthenticationException}) before SCRAM starts.
     */
    public Map<String, Object> clientPropertiesWithoutTrustStore(String user) {
        Map<String, Object> props = clientProperties(user);
        props.keySet().removeIf(key -> key.startsWith("ssl.truststore."));
        return props;
    }

    /** A trust store of some other CA (the wrong bundle): the handshake fails as with none. */
    public Map<String, Object> clientPropertiesWithForeignTrustStore(String user) {
        Map<String, Object> props = clientProperties(user);
        props.putAll(trustStoreProperties(certificates.foreignTrustStore()));
        return props;
    }

    /**
     * A mutual-TLS client of the {@value #MTLS_LISTENER} listener whose certificate says {@code CN=<commonName>}:
     * the broker maps it to {@code User:<commonName>}, the same principal a SCRAM user of that name has, so the same
     * ACLs apply. Bootstrap servers included.
     */
    public Map<String, Object> mtlsClientProperties(String commonName) {
        Map<String, Object> props = sslClientPropertiesWithoutCertificate();
        TestCertificates.KeyStoreFile keyStore = certificates.clientKeyStore(commonName);
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, TestCertificates.KeyStoreFile.TYPE);
        props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keyStore.path().toString());
        props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keyStore.password());
        return props;
    }

    /** TLS to the mutual-TLS listener with a trust store but no client certificate: the broker refuses it. */
    public Map<String, Object> sslClientPropertiesWithoutCertificate() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, mtlsBootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SSL.name);
        props.putAll(trustStoreProperties(certificates.trustStore()));
        return props;
    }

    private static Map<String, Object> trustStoreProperties(TestCertificates.KeyStoreFile trustStore) {
        Map<String, Object> props = new HashMap<>();
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TestCertificates.KeyStoreFile.TYPE);
        props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.path().toString());
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStore.password());
        // Hostname verification is Kafka's default; written out because turning it off is a classic mistake.
        props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        return props;
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    // ---- cluster --------------------------------------------------------------------------------------------

    /** An Admin client of the super user, closed with the cluster. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientProperties(SUPER_USER));
        }
        return admin;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    @Override
    public KafkaMode mode() {
        return KafkaMode.EMBEDDED;
    }

    /** The SASL_SSL listener. */
    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The mutual-TLS (SSL with required client certificates) listener. */
    public String mtlsBootstrapServers() {
        return mtlsBootstrapServers;
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public int brokerId(int index) {
        return testKit.brokers().keySet().iterator().next();
    }

    @Override
    public String describe() {
        return "embedded secure broker: SASL_SSL/" + SCRAM_MECHANISM + " at " + bootstrapServers + ", mTLS at "
                + mtlsBootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        closeQuietly(testKit);
        deleteQuietly(baseDir);
    }

    /** Formatting prints the bootstrap metadata straight to stdout; a lab's own output should not drown in it. */
    private static void formatQuietly(KafkaClusterTestKit testKit) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            testKit.format();
        } finally {
            System.setOut(stdout);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit testKit) {
        try {
            testKit.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The key stores hold private keys: they leave with the broker. */
    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is under java.io.tmpdir (target/tmp in builds)
        }
    }
}
