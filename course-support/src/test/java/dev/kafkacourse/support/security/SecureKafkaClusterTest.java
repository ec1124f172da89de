package dev.kafkacourse.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaFixture;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecureKafkaClusterTest {

    private static SecureKafkaCluster cluster;
    private static KafkaFixture kafka;

    @BeforeAll
    static void start() {
        cluster = SecureKafkaCluster.shared();
        kafka = KafkaFixture.on(cluster, "secure-cluster");
    }

    @AfterAll
    static void closeFixture() {
        kafka.close();
    }

    @Test
    void deniesAUserWithoutAclsAndAllowsTheWriteItWasGranted() throws Exception {
        String topic = kafka.createTopic("ad-events", 1);
        String user = SecureKafkaCluster.uniqueUserName("collector");
        cluster.createUser(user);

        try (KafkaProducer<String, String> producer = producer(cluster.clientProperties(user))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        cluster.createAcls(List.of(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(SecureKafkaCluster.principal(user), "*", AclOperation.WRITE,
                        AclPermissionType.ALLOW))));

        try (KafkaProducer<String, String> producer = producer(cluster.clientProperties(user))) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "v")).get().offset()).isZero();
        }
    }

    @Test
    void refusesAWrongPasswordAndAClientThatDoesNotTrustTheCa() {
        String user = SecureKafkaCluster.uniqueUserName("stats");
        cluster.createUser(user);

        assertThat(connectionFailure(cluster.clientPropertiesWithWrongPassword(user)))
                .isInstanceOf(SaslAuthenticationException.class);
        assertThat(connectionFailure(cluster.clientPropertiesWithoutTrustStore(user)))
                .isInstanceOf(SslAuthenticationException.class);
        assertThat(connectionFailure(cluster.clientPropertiesWithForeignTrustStore(user)))
                .isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void mapsAClientCertificateToTheSamePrincipalAndRefusesAClientWithoutOne() throws Exception {
        String topic = kafka.createTopic("mtls", 1);
        String user = SecureKafkaCluster.uniqueUserName("replayer");
        cluster.createAcls(List.of(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(SecureKafkaCluster.principal(user), "*", AclOperation.WRITE,
                        AclPermissionType.ALLOW))));

        try (KafkaProducer<String, String> producer = producer(cluster.mtlsClientProperties(user))) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "v")).get().topic()).isEqualTo(topic);
        }
        X509Certificate client = (X509Certificate) load(cluster.certificates().clientKeyStore(user)).getCertificateChain(
                "client-" + user)[0];
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=" + user + ",OU=kafka-course");
        assertThat(connectionFailure(cluster.sslClientPropertiesWithoutCertificate()))
                .isInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void keepsKeysInATemporaryFolderWithGeneratedPasswords() throws Exception {
        TestCertificates.KeyStoreFile broker = cluster.certificates().brokerKeyStore();
        assertThat(broker.path()).startsWith(cluster.certificates().directory()).exists();
        assertThat(broker.password()).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(
                cluster.certificates().trustStore().password());
        assertThat(broker.toString()).doesNotContain(broker.password());

        KeyStore store = load(broker);
        X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(
                cluster.certificates().caCertificate().getSubjectX500Principal());
    }

    private static KeyStore load(TestCertificates.KeyStoreFile file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file.path())) {
            store.load(in, file.password().toCharArray());
        }
        return store;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> props) {
        Map<String, Object> config = new HashMap<>(props);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The first error an Admin call meets with these settings. */
    private static Throwable connectionFailure(Map<String, Object> props) {
        Map<String, Object> config = new HashMap<>(props);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get();
            throw new AssertionError("The connection succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
