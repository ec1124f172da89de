package dev.kafkacourse.support.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A small, named description of how to reach a cluster, turned into Kafka client properties: local, MSK
 * PLAINTEXT (9092), MSK TLS (9094), MSK SASL/SCRAM (9096), MSK IAM (9098), Confluent Cloud (SASL_SSL PLAIN).
 *
 * <p>A profile file is a client properties file (the one {@code KAFKA_CLIENT_CONFIG} names) with
 * {@code course.profile=<kind>} and a few {@code course.profile.*} settings; every other key is passed to the
 * clients as it is. Secrets are never in the file: passwords and API secrets come from the environment or from a
 * file of their own (outside the repository). Everything that can be checked without the network is checked
 * before a client is built, and each error names the setting and the fix.
 */
public final class ConnectionProfile {

    public static final String PROFILE_KEY = "course.profile";
    public static final String USERNAME_KEY = "course.profile.username";
    public static final String PASSWORD_FILE_KEY = "course.profile.password.file";
    public static final String API_KEY_KEY = "course.profile.api.key";
    public static final String API_SECRET_FILE_KEY = "course.profile.api.secret.file";
    public static final String TRUSTSTORE_KEY = "course.profile.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_FILE_KEY = "course.profile.truststore.password.file";
    public static final String KEYSTORE_KEY = "course.profile.keystore.location";
    public static final String KEYSTORE_PASSWORD_FILE_KEY = "course.profile.keystore.password.file";
    public static final String AWS_PROFILE_KEY = "course.profile.aws.profile";

    public static final String USERNAME_ENV = "KAFKA_SASL_USERNAME";
    public static final String PASSWORD_ENV = "KAFKA_SASL_PASSWORD";
    public static final String API_KEY_ENV = "CONFLUENT_API_KEY";
    public static final String API_SECRET_ENV = "CONFLUENT_API_SECRET";
    public static final String TRUSTSTORE_PASSWORD_ENV = "KAFKA_TRUSTSTORE_PASSWORD";
    public static final String KEYSTORE_PASSWORD_ENV = "KAFKA_KEYSTORE_PASSWORD";

    static final String IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
    static final String IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
    static final String IAM_LIBRARY = "software.amazon.msk:aws-msk-iam-auth";

    /** Client settings a profile owns: setting them beside the profile would silently fight it. */
    private static final List<String> OWNED_KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "sasl.client.callback.handler.class");
    /** Secrets written into the profile file itself: refused, they would end up in a repository or a backup. */
    private static final Map<String, String> INLINE_SECRETS = Map.of(
            "course.profile.password", PASSWORD_FILE_KEY + " or the environment variable " + PASSWORD_ENV,
            "course.profile.api.secret", API_SECRET_FILE_KEY + " or the environment variable " + API_SECRET_ENV,
            "course.profile.truststore.password",
            TRUSTSTORE_PASSWORD_FILE_KEY + " or the environment variable " + TRUSTSTORE_PASSWORD_ENV,
            "course.profile.keystore.password",
            KEYSTORE_PASSWORD_FILE_KEY + " or the environment variable " + KEYSTORE_PASSWORD_ENV);

    private final ProfileKind kind;
    private final Map<String, String> settings;
    private final Map<String, String> env;
    private final Predicate<String> classPresent;

    private ConnectionProfile(ProfileKind kind, Map<String, String> settings, Map<String, String> env,
            Predicate<String> classPresent) {
        this.kind = kind;
        this.settings = Map.copyOf(settings);
        this.env = Map.copyOf(env);
        this.classPresent = classPresent;
    }

    /** True when these client settings are a profile ({@code course.profile=...}) rather than plain properties. */
    public static boolean isProfile(Map<String, ?> settings) {
        return settings.containsKey(PROFILE_KEY);
    }

    /** Reads a profile from a profile file's settings, secrets from this process's environment. */
    public static ConnectionProfile fromSettings(Map<String, ?> settings) {
        return fromSettings(settings, System.getenv(), ConnectionProfile::onClasspath);
    }

    /** The same with the environment and the class lookup given, so every message can be tested. */
    public static ConnectionProfile fromSettings(Map<String, ?> settings, Map<String, String> env,
            Predicate<String> classPresent) {
        Map<String, String> strings = new TreeMap<>();
        settings.forEach((key, value) -> strings.put(key, String.valueOf(value).trim()));
        String id = strings.get(PROFILE_KEY);
        if (id == null || id.isEmpty()) {
            throw new ProfileException(PROFILE_KEY + " is missing: set it to one of " + ProfileKind.ids() + ".");
        }
        ProfileKind kind = ProfileKind.fromId(id);
        INLINE_SECRETS.forEach((key, fix) -> {
            if (strings.containsKey(key)) {
                throw new ProfileException(key + " puts a secret into the profile file, where it ends up in a "
                        + "repository or a backup. Remove it and use " + fix + ".");
            }
        });
        for (String owned : OWNED_KEYS) {
            if (strings.containsKey(owned)) {
                throw new ProfileException(owned + "=" + strings.get(owned) + " is set beside " + PROFILE_KEY + "="
                        + kind.id() + ", which sets " + owned + " itself. Remove " + owned
                        + " from the file, or drop " + PROFILE_KEY + " and write every security setting by hand.");
            }
        }
        strings.keySet().stream().filter(k -> k.startsWith(PROFILE_KEY + ".")).filter(k -> !knownKey(k)).findFirst()
                .ifPresent(k -> {
                    throw new ProfileException(k + " is not a profile setting (misspelled?). Known settings: "
                            + String.join(", ", knownKeys()) + ".");
                });
        return new ConnectionProfile(kind, strings, env, classPresent);
    }

    public static Builder builder(ProfileKind kind) {
        return new Builder(kind);
    }

    public ProfileKind kind() {
        return kind;
    }

    /**
     * The Kafka client properties for {@code bootstrapServers}, after every check that needs no network:
     * the port against the listener, the credentials and files the kind needs, the IAM library.
     */
    public Map<String, Object> clientProperties(String bootstrapServers) {
        checkBootstrap(bootstrapServers);
        Map<String, Object> props = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!key.equals(PROFILE_KEY) && !key.startsWith(PROFILE_KEY + ".")) {
                props.put(key, value);
            }
        });
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", kind.securityProtocol());
        switch (kind) {
            case LOCAL, MSK_PLAINTEXT -> {
            }
            case MSK_TLS -> {
                trustStore(props);
                keyStore(props);
            }
            case MSK_SCRAM -> {
                trustStore(props);
                String username = required(USERNAME_KEY, USERNAME_ENV, "the SCRAM user name (the username stored in "
                        + "the cluster's AmazonMSK_ secret)");
                String password = secret(PASSWORD_FILE_KEY, PASSWORD_ENV, "the SCRAM password of " + username);
                props.put("sasl.mechanism", "SCRAM-SHA-512");
                props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + jaasQuote(username) + "\" password=\"" + jaasQuote(password) + "\";");
            }
            case MSK_IAM -> {
                trustStore(props);
                if (!classPresent.test(IAM_LOGIN_MODULE)) {
                    throw new ProfileException(PROFILE_KEY + "=msk-iam needs the library " + IAM_LIBRARY
                            + " on the classpath (class " + IAM_LOGIN_MODULE + " not found). Add the dependency "
                            + IAM_LIBRARY + " to the module that connects (session04-msk has it), or use "
                            + PROFILE_KEY + "=msk-scram on port 9096.");
                }
                props.put("sasl.mechanism", "AWS_MSK_IAM");
                String awsProfile = settings.get(AWS_PROFILE_KEY);
                props.put("sasl.jaas.config", IAM_LOGIN_MODULE + " required"
                        + (awsProfile == null ? "" : " awsProfileName=\"" + jaasQuote(awsProfile) + "\"") + ";");
                props.put("sasl.client.callback.handler.class", IAM_CALLBACK_HANDLER);
            }
            case CONFLUENT_CLOUD -> {
                String key = required(API_KEY_KEY, API_KEY_ENV, "the cluster API key");
                String secret = secret(API_SECRET_FILE_KEY, API_SECRET_ENV, "the secret of API key " + key);
                props.put("sasl.mechanism", "PLAIN");
                props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"" + jaasQuote(key) + "\" password=\"" + jaasQuote(secret) + "\";");
                props.putIfAbsent("client.dns.lookup", "use_all_dns_ips");
            }
        }
        return props;
    }

    /**
     * {@link #clientProperties} plus the checks that look outside this object but need no cluster: for IAM, whether
     * the AWS credential chain finds credentials (environment, system properties, ~/.aws, instance role). The
     * SASL handshake itself can only happen against MSK.
     */
    public Map<String, Object> preflight(String bootstrapServers) {
        Map<String, Object> props = clientProperties(bootstrapServers);
        if (kind == ProfileKind.MSK_IAM) {
            Optional<String> failure = IamCredentialProbe.lookup(props);
            if (failure.isPresent()) {
                throw new ProfileException(PROFILE_KEY + "=msk-iam found no AWS credentials: " + failure.get()
                        + ". Fix: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or "
                        + AWS_PROFILE_KEY + "=<profile in ~/.aws/credentials>), or run on an instance or task "
                        + "with an IAM role.");
            }
        }
        return props;
    }

    private void checkBootstrap(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ProfileException("No bootstrap servers for " + PROFILE_KEY + "=" + kind.id()
                    + ": set KAFKA_BOOTSTRAP_SERVERS to the " + kind.bootstrapSource() + " address.");
        }
        for (String address : bootstrapServers.split(",")) {
            String server = address.trim();
            int colon = server.lastIndexOf(':');
            if (colon < 0) {
                throw new ProfileException("Bootstrap server '" + server + "' has no port: write host:port, e.g. "
                        + "b-1.mycluster.xxxxxx.c2.kafka.ap-northeast-2.amazonaws.com:"
                        + (kind.ports().isEmpty() ? 9092 : kind.ports().get(0)) + ".");
            }
            String host = server.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            int port;
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ProfileException("Bootstrap server '" + server + "' has no numeric port.", e);
            }
            boolean managed = kind == ProfileKind.CONFLUENT_CLOUD ? host.endsWith(".confluent.cloud")
                    : host.endsWith(".amazonaws.com");
            if (managed && !kind.ports().isEmpty() && !kind.ports().contains(port)) {
                String belongs = ProfileKind.mskKindOfPort(port)
                        .map(other -> ", which is the " + other.id() + " port (" + other.securityProtocol() + ")")
                        .orElse("");
                throw new ProfileException(PROFILE_KEY + "=" + kind.id() + " speaks " + kind.securityProtocol()
                        + " on port " + portList() + ", but KAFKA_BOOTSTRAP_SERVERS names " + server + belongs
                        + ". Fix: use the " + kind.bootstrapSource() + " address (port " + kind.ports().get(0)
                        + ")" + ProfileKind.mskKindOfPort(port).filter(o -> kind.id().startsWith("msk-"))
                                .map(o -> ", or set " + PROFILE_KEY + "=" + o.id()).orElse("") + ".");
            }
        }
    }

    private String portList() {
        return kind.ports().size() == 1 ? String.valueOf(kind.ports().get(0))
                : kind.ports().get(0) + " (" + kind.ports().get(1) + " with public access)";
    }

    private void trustStore(Map<String, Object> props) {
        String location = settings.get(TRUSTSTORE_KEY);
        if (location == null) {
            return; // MSK's certificates are signed by Amazon Trust Services, which the JDK's default trust store has
        }
        if (!Files.isReadable(Path.of(location))) {
            throw new ProfileException(TRUSTSTORE_KEY + "=" + location + " does not exist or cannot be read. Point "
                    + "it at a PKCS12 trust store with the broker's CA certificate, or remove it to use the JDK's "
                    + "trust store (enough for MSK).");
        }
        props.put("ssl.truststore.location", location);
        props.put("ssl.truststore.type", "PKCS12");
        optionalSecret(TRUSTSTORE_PASSWORD_FILE_KEY, TRUSTSTORE_PASSWORD_ENV)
                .ifPresent(password -> props.put("ssl.truststore.password", password));
    }

    /** A client certificate for mutual TLS (MSK: TLS client authentication with AWS Private CA, port 9094). */
    private void keyStore(Map<String, Object> props) {
        String location = settings.get(KEYSTORE_KEY);
        if (location == null) {
            return;
        }
        if (!Files.isReadable(Path.of(location))) {
            throw new ProfileException(KEYSTORE_KEY + "=" + location + " does not exist or cannot be read. Point it "
                    + "at the PKCS12 key store with this client's certificate and key, or remove it when the "
                    + "listener does not ask for client certificates.");
        }
        props.put("ssl.keystore.location", location);
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.password", secret(KEYSTORE_PASSWORD_FILE_KEY, KEYSTORE_PASSWORD_ENV,
                "the password of the key store " + location));
    }

    private String required(String key, String envName, String what) {
        String value = settings.get(key);
        if (value == null || value.isEmpty()) {
            value = env.get(envName);
        }
        if (value == null || value.isBlank()) {
            throw new ProfileException(PROFILE_KEY + "=" + kind.id() + " needs " + what + ": set " + key
                    + " in the profile file or export " + envName + ".");
        }
        return value.trim();
    }

    private String secret(String fileKey, String envName, String what) {
        return optionalSecret(fileKey, envName).orElseThrow(() -> new ProfileException(PROFILE_KEY + "="
                + kind.id() + " needs " + what + ", and there is none: export " + envName + ", or set " + fileKey
                + " to a file that holds only the secret (outside the repository, chmod 600)."));
    }

    private Optional<String> optionalSecret(String fileKey, String envName) {
        String file = settings.get(fileKey);
        if (file != null) {
            Path path = Path.of(file);
            try {
                String value = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new ProfileException(fileKey + "=" + file + " is empty: write the secret into it.");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new ProfileException(fileKey + "=" + file + " cannot be read (" + e.getClass().getSimpleName()
                        + "): create it with the secret in it, or export " + envName + " instead.", e);
            }
        }
        String value = env.get(envName);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String jaasQuote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean knownKey(String key) {
        return knownKeys().contains(key) || INLINE_SECRETS.containsKey(key);
    }

    private static List<String> knownKeys() {
        return List.of(USERNAME_KEY, PASSWORD_FILE_KEY, API_KEY_KEY, API_SECRET_FILE_KEY, TRUSTSTORE_KEY,
                TRUSTSTORE_PASSWORD_FILE_KEY, KEYSTORE_KEY, KEYSTORE_PASSWORD_FILE_KEY, AWS_PROFILE_KEY);
    }

    static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, ConnectionProfile.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + kind.id() + "]"; // never the settings: they may name secret files
    }

    /** Builds a profile in code with the same checks as a profile file. */
    public static final class Builder {
        private final Map<String, Object> settings = new HashMap<>();
        private Map<String, String> env = System.getenv();
        private Predicate<String> classPresent = ConnectionProfile::onClasspath;

        private Builder(ProfileKind kind) {
            settings.put(PROFILE_KEY, kind.id());
        }

        public Builder username(String username) {
            return set(USERNAME_KEY, username);
        }

        public Builder passwordFile(Path file) {
            return set(PASSWORD_FILE_KEY, file.toString());
        }

        public Builder apiKey(String key) {
            return set(API_KEY_KEY, key);
        }

        public Builder apiSecretFile(Path file) {
            return set(API_SECRET_FILE_KEY, file.toString());
        }

        public Builder trustStore(Path file, Path passwordFile) {
            set(TRUSTSTORE_KEY, file.toString());
            return passwordFile == null ? this : set(TRUSTSTORE_PASSWORD_FILE_KEY, passwordFile.toString());
        }

        /** Mutual TLS: this client's certificate and key (PKCS12) and the file holding its password. */
        public Builder keyStore(Path file, Path passwordFile) {
            set(KEYSTORE_KEY, file.toString());
            return set(KEYSTORE_PASSWORD_FILE_KEY, passwordFile.toString());
        }

        public Builder awsProfile(String name) {
            return set(AWS_PROFILE_KEY, name);
        }

        /** Any other client setting, e.g. {@code client.dns.lookup}. */
        public Builder set(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        /** Where environment variables are read from (tests). */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** How the IAM library is looked up (tests). */
        public Builder classPresent(Predicate<String> classPresent) {
            this.classPresent = classPresent;
            return this;
        }

        public ConnectionProfile build() {
            return fromSettings(settings, env, classPresent);
        }
    }
}
