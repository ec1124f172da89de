package dev.kafkacourse.support.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every profile kind's properties and every offline check, without a cluster (the handshakes are session 04's labs). */
class ConnectionProfileTest {

    private static final String MSK = "b-1.adstats.abc123.c2.kafka.ap-northeast-2.amazonaws.com";

    private static ConnectionProfile.Builder profile(ProfileKind kind) {
        return ConnectionProfile.builder(kind).env(Map.of());
    }

    @Test
    void scramTakesThePasswordFromTheEnvironmentAndBuildsTheJaasLine() {
        Map<String, Object> props = profile(ProfileKind.MSK_SCRAM).username("collector")
                .env(Map.of(ConnectionProfile.PASSWORD_ENV, "s3cr\"et")).build().clientProperties(MSK + ":9096");

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"collector\" password=\"s3cr\\\"et\";")
                .containsEntry("bootstrap.servers", MSK + ":9096");
    }

    @Test
    void scramReadsThePasswordFileAndPropertiesBuildARealClient(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("password"), "from-file\n");
        Map<String, Object> props = profile(ProfileKind.MSK_SCRAM).username("collector").passwordFile(secret)
                .set("client.dns.lookup", "use_all_dns_ips").build().clientProperties(MSK + ":9096");

        assertThat((String) props.get("sasl.jaas.config")).contains("password=\"from-file\";");
        assertThat(props).containsEntry("client.dns.lookup", "use_all_dns_ips");
        // Kafka itself accepts the settings: a producer builds (it connects only when used; the MSK name does not
        // resolve here, so a local address stands in for it).
        Map<String, Object> local = new java.util.HashMap<>(props);
        local.put("bootstrap.servers", "localhost:9096");
        new KafkaProducer<>(local, new StringSerializer(), new StringSerializer()).close(java.time.Duration.ZERO);
    }

    @Test
    void scramWithoutPasswordNamesBothWaysToGiveIt() {
        assertThatThrownBy(() -> profile(ProfileKind.MSK_SCRAM).username("collector").build().clientProperties(MSK + ":9096"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("KAFKA_SASL_PASSWORD").hasMessageContaining(ConnectionProfile.PASSWORD_FILE_KEY);
    }

    @Test
    void passwordInTheProfileFileIsRefused() {
        assertThatThrownBy(() -> ConnectionProfile.fromSettings(Map.of("course.profile", "msk-scram",
                "course.profile.password", "hunter2"), Map.of(), c -> true))
                .hasMessageContaining("course.profile.password").hasMessageContaining("KAFKA_SASL_PASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void portOfAnotherListenerNamesTheRightAddressAndTheProfileThatFits() {
        assertThatThrownBy(() -> profile(ProfileKind.MSK_SCRAM).username("u").env(Map.of("KAFKA_SASL_PASSWORD", "p"))
                .build().clientProperties(MSK + ":9098"))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("9096").hasMessageContaining(MSK + ":9098")
                .hasMessageContaining("BootstrapBrokerStringSaslScram").hasMessageContaining("course.profile=msk-iam");
        assertThatThrownBy(() -> profile(ProfileKind.MSK_TLS).build().clientProperties(MSK + ":9092"))
                .hasMessageContaining("msk-plaintext").hasMessageContaining("BootstrapBrokerStringTls");
        // A host that is not MSK (a tunnel, a local broker) may use any port.
        assertThat(profile(ProfileKind.MSK_TLS).build().clientProperties("localhost:19094"))
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void iamWithoutTheLibraryNamesTheDependency() {
        assertThatThrownBy(() -> profile(ProfileKind.MSK_IAM).build().clientProperties(MSK + ":9098"))
                .isInstanceOf(ProfileException.class).hasMessageContaining("software.amazon.msk:aws-msk-iam-auth");
    }

    @Test
    void iamWithTheLibraryUsesTheCallbackHandlerAndANamedProfile() {
        Map<String, Object> props = profile(ProfileKind.MSK_IAM).classPresent(c -> true).awsProfile("ad-stats")
                .build().clientProperties(MSK + ":9098");
        assertThat(props).containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required awsProfileName=\"ad-stats\";")
                .containsEntry("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    }

    @Test
    void confluentCloudUsesPlainOverSaslSsl(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("api-secret"), "cc-secret");
        Map<String, Object> props = profile(ProfileKind.CONFLUENT_CLOUD).apiKey("ABCKEY").apiSecretFile(secret).build()
                .clientProperties("pkc-abc12.ap-northeast-2.aws.confluent.cloud:9092");
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"ABCKEY\" password=\"cc-secret\";");
        assertThatThrownBy(() -> profile(ProfileKind.CONFLUENT_CLOUD).apiKey("ABCKEY").build()
                .clientProperties("pkc-abc12.ap-northeast-2.aws.confluent.cloud:9092"))
                .hasMessageContaining("CONFLUENT_API_SECRET");
    }

    @Test
    void settingsThatFightTheProfileOrAreMisspelledAreNamed() {
        assertThatThrownBy(() -> ConnectionProfile.fromSettings(Map.of("course.profile", "msk-tls",
                "security.protocol", "PLAINTEXT"), Map.of(), c -> true))
                .hasMessageContaining("security.protocol=PLAINTEXT").hasMessageContaining("Remove security.protocol");
        assertThatThrownBy(() -> ConnectionProfile.fromSettings(Map.of("course.profile", "msk-scram",
                "course.profile.usernme", "u"), Map.of(), c -> true))
                .hasMessageContaining("course.profile.usernme").hasMessageContaining(ConnectionProfile.USERNAME_KEY);
        assertThatThrownBy(() -> ConnectionProfile.fromSettings(Map.of("course.profile", "msk-sasl"), Map.of(), c -> true))
                .hasMessageContaining("msk-sasl").hasMessageContaining("msk-scram, msk-iam");
    }

    @Test
    void missingTrustStoreFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> profile(ProfileKind.MSK_TLS).trustStore(dir.resolve("ca.p12"), null).build()
                .clientProperties("localhost:9094"))
                .hasMessageContaining(ConnectionProfile.TRUSTSTORE_KEY).hasMessageContaining("ca.p12");
    }
}
