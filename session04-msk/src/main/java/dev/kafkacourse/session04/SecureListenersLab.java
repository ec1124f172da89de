package dev.kafkacourse.session04;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.profile.ConnectionProfile;
import dev.kafkacourse.support.profile.ProfileKind;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import dev.kafkacourse.support.security.TestCertificates;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: the same produce/consume code ({@link RoundTrip}) against a broker with a TLS listener (client certificates,
 * as MSK's TLS client authentication on 9094) and a SASL_SSL/SCRAM-SHA-512 listener (as MSK's 9096), each reached
 * through a {@link ConnectionProfile}; then what each usual mistake looks like. The certificates and passwords are
 * made when the lab starts and live in a temporary folder; nothing secret is in the repository.
 */
public final class SecureListenersLab {

    private SecureListenersLab() {
    }

    /** Each run's outcome, and per mistake what the client reported. */
    record Result(RoundTrip.Outcome tls, RoundTrip.Outcome scram, Map<String, String> failures) {
    }

    public static void main(String[] args) {
        int impressions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        LabRunner.runOnCluster("session04 secure-listeners", SecureKafkaCluster::start,
                (kafka, out) -> run(kafka, (SecureKafkaCluster) kafka.cluster(), out, impressions));
    }

    static Result run(KafkaFixture kafka, SecureKafkaCluster cluster, PrintStream out, int impressions) throws IOException {
        Path secrets = Files.createTempDirectory("session04-secrets",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            String user = SecureKafkaCluster.uniqueUserName("collector");
            String password = cluster.createUser(user);
            long start = System.nanoTime();
            String tlsTopic = kafka.createTopic("ad-events-tls", 3);
            String scramTopic = kafka.createTopic("ad-events-scram", 3);
            String group = kafka.groupId("stats");
            grantRoundTrip(cluster, user, List.of(tlsTopic, scramTopic), group);
            out.printf("User %s with WRITE/READ/DESCRIBE on its two topics and READ on its group (%d ms)%n%n", user,
                    (System.nanoTime() - start) / 1_000_000);
            TestCertificates.KeyStoreFile trustStore = cluster.certificates().trustStore();
            Path trustPassword = secretFile(secrets, "truststore-password", trustStore.password());

            out.println("Profile msk-tls (TLS with a client certificate, MSK port 9094) to " + cluster.mtlsBootstrapServers());
            TestCertificates.KeyStoreFile keyStore = cluster.certificates().clientKeyStore(user);
            Map<String, Object> tlsProps = ConnectionProfile.builder(ProfileKind.MSK_TLS).env(Map.of())
                    .trustStore(trustStore.path(), trustPassword)
                    .keyStore(keyStore.path(), secretFile(secrets, "keystore-password", keyStore.password()))
                    .build().clientProperties(cluster.mtlsBootstrapServers());
            out.println("  security.protocol=" + tlsProps.get("security.protocol") + ", principal from the certificate: User:" + user);
            start = System.nanoTime();
            RoundTrip.Outcome tls = RoundTrip.run(tlsProps, tlsTopic, group + "-tls", impressions, out);
            out.printf("  (%d ms)%n", (System.nanoTime() - start) / 1_000_000);

            out.println();
            out.println("Profile msk-scram (SASL_SSL, SCRAM-SHA-512, MSK port 9096) to " + cluster.bootstrapServers());
            ConnectionProfile scramProfile = ConnectionProfile.builder(ProfileKind.MSK_SCRAM).env(Map.of())
                    .username(user).passwordFile(secretFile(secrets, "scram-password", password))
                    .trustStore(trustStore.path(), trustPassword).build();
            Map<String, Object> scramProps = scramProfile.clientProperties(cluster.bootstrapServers());
            out.println("  security.protocol=" + scramProps.get("security.protocol") + ", sasl.mechanism="
                    + scramProps.get("sasl.mechanism") + ", user " + user);
            start = System.nanoTime();
            RoundTrip.Outcome scram = RoundTrip.run(scramProps, scramTopic, group + "-scram", impressions, out);
            out.printf("  (%d ms)%n", (System.nanoTime() - start) / 1_000_000);

            out.println();
            out.println("What the usual mistakes look like:");
            start = System.nanoTime();
            Map<String, String> failures = new LinkedHashMap<>();
            Map<String, Object> noTrustStore = ConnectionProfile.builder(ProfileKind.MSK_SCRAM).env(Map.of())
                    .username(user).passwordFile(secretFile(secrets, "scram-password", password)).build()
                    .clientProperties(cluster.bootstrapServers());
            failures.put("no trust store (the broker's CA is not a public one)", attempt(noTrustStore, scramTopic));
            Map<String, Object> wrongPassword = ConnectionProfile.builder(ProfileKind.MSK_SCRAM).env(Map.of())
                    .username(user).passwordFile(secretFile(secrets, "old-password", "not-the-password"))
                    .trustStore(trustStore.path(), trustPassword).build().clientProperties(cluster.bootstrapServers());
            failures.put("wrong SCRAM password", attempt(wrongPassword, scramTopic));
            Map<String, Object> noCertificate = ConnectionProfile.builder(ProfileKind.MSK_TLS).env(Map.of())
                    .trustStore(trustStore.path(), trustPassword).build().clientProperties(cluster.mtlsBootstrapServers());
            failures.put("TLS listener that wants a client certificate, none given", attempt(noCertificate, tlsTopic));
            Map<String, Object> plaintext = ConnectionProfile.builder(ProfileKind.LOCAL).env(Map.of()).build()
                    .clientProperties(cluster.bootstrapServers());
            failures.put("PLAINTEXT client on the SASL_SSL port", attempt(plaintext, scramTopic));
            failures.put("SCRAM profile without a password", refused(() -> ConnectionProfile.builder(ProfileKind.MSK_SCRAM)
                    .env(Map.of()).username(user).build().clientProperties(cluster.bootstrapServers())));
            failures.put("SCRAM profile with MSK's IAM address", refused(() -> ConnectionProfile.builder(ProfileKind.MSK_SCRAM)
                    .env(Map.of(ConnectionProfile.PASSWORD_ENV, "x")).username(user).build()
                    .clientProperties("b-1.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com:9098")));
            failures.forEach((mistake, seen) -> out.printf("  %-58s -> %s%n", mistake, seen));
            out.printf("(%d ms)%n", (System.nanoTime() - start) / 1_000_000);
            return new Result(tls, scram, failures);
        } finally {
            deleteAll(secrets);
        }
    }

    /** Least privilege for the round trip: write and read the one topic, read in the one group. */
    private static void grantRoundTrip(SecureKafkaCluster cluster, String user, List<String> topics, String group) {
        String principal = SecureKafkaCluster.principal(user);
        List<AclBinding> acls = new java.util.ArrayList<>();
        for (String topic : topics) {
            ResourcePattern topicPattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE)) {
                acls.add(new AclBinding(topicPattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
        acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, group, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)));
        cluster.createAcls(acls);
    }

    /** One send with a short deadline: the exception the client reports, as a learner would see it. */
    static String attempt(Map<String, Object> clientProperties, String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        // A PLAINTEXT client on a TLS port never gets an answer it understands: it only times out, after max.block.ms.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_500);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_500);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "c-1", "{}")).get();
            return "sent (no failure)";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (RuntimeException e) {
            return describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String refused(Runnable build) {
        try {
            build.run();
            return "accepted (no failure)";
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("");
        return failure.getClass().getSimpleName() + ": " + message;
    }

    private static Path secretFile(Path dir, String name, String secret) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, secret);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
