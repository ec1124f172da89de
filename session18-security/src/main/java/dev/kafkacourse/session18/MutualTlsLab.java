package dev.kafkacourse.session18;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import dev.kafkacourse.support.security.TestCertificates;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Lab: mutual TLS. On the SSL listener with {@code ssl.client.auth=required} the client certificate is the
 * identity: no password. {@code ssl.principal.mapping.rules} turns its subject {@code CN=collector,OU=kafka-course}
 * into {@code User:collector}, the same principal the SCRAM user {@code collector} has, so one ACL serves both.
 * Without a certificate the handshake fails; a valid certificate without ACLs authenticates and is then refused.
 */
public final class MutualTlsLab {

    private MutualTlsLab() {
    }

    record Result(String user, String certificateSubject, Map<String, Outcome> attempts) {
    }

    public static void main(String[] args) {
        LabLogs.quiet(Map.of("org.apache.kafka", Level.OFF, "org.apache.kafka.clients.NetworkClient", Level.OFF,
                "kafka", Level.ERROR));
        LabRunner.runOnCluster("session18 mtls", SecureKafkaCluster::start, (kafka, out) -> run(kafka, out));
    }

    static Result run(KafkaFixture kafka, PrintStream out) throws Exception {
        SecureKafkaCluster cluster = (SecureKafkaCluster) kafka.cluster();
        String topic = kafka.createTopic("ad-events", 1);
        String user = SecureKafkaCluster.uniqueUserName("collector");
        String stranger = SecureKafkaCluster.uniqueUserName("stranger");
        cluster.createUser(user);
        cluster.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(SecureKafkaCluster.principal(user), "*", AclOperation.WRITE,
                        AclPermissionType.ALLOW))));
        String subject = subject(cluster.certificates().clientKeyStore(user));
        out.printf("topic ad-events = %s%none ACL: ALLOW User:%s WRITE on ad-events%n", topic, user);
        out.printf("client certificate subject: %s%n", subject);
        out.printf("ssl.principal.mapping.rules=%s%n  -> principal User:%s%n%n", SecureKafkaCluster.PRINCIPAL_MAPPING_RULES,
                user);

        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("SCRAM user " + user + " on SASL_SSL (" + cluster.bootstrapServers() + ")",
                cluster.clientProperties(user));
        cases.put("certificate CN=" + user + " on mTLS (" + cluster.mtlsBootstrapServers() + ")",
                cluster.mtlsClientProperties(user));
        cases.put("no client certificate on mTLS", cluster.sslClientPropertiesWithoutCertificate());
        cases.put("certificate CN=" + stranger + " (same CA, no ACL) on mTLS", cluster.mtlsClientProperties(stranger));

        Map<String, Outcome> attempts = Parallel.each(List.copyOf(cases.keySet()),
                name -> Probes.produce(cases.get(name), topic));
        attempts.forEach((name, outcome) -> out.printf("%-72s -> %s%n", "write ad-events as " + name,
                outcome.allowed() ? "written" : outcome.errorName()));
        return new Result(user, subject, attempts);
    }

    private static String subject(TestCertificates.KeyStoreFile keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance(TestCertificates.KeyStoreFile.TYPE);
        try (var in = Files.newInputStream(keyStore.path())) {
            store.load(in, keyStore.password().toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        return certificate.getSubjectX500Principal().getName();
    }
}
