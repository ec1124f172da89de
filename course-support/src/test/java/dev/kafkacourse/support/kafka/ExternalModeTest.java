package dev.kafkacourse.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external backend end to end, against a broker the fixture did not start for itself: the test starts its
 * own cluster and hands only its address over, exactly as a learner hands over MSK's.
 */
class ExternalModeTest {

    @AfterEach
    void clearSettings() {
        System.clearProperty(ExternalKafkaCluster.BOOTSTRAP_PROPERTY);
        System.clearProperty(ExternalKafkaCluster.CLIENT_CONFIG_PROPERTY);
    }

    @Test
    void connectsThroughTheBootstrapSettingAndCleansUpItsTopics(@TempDir Path dir) throws Exception {
        try (KafkaCluster someoneElses = EmbeddedKafkaCluster.start(ClusterSpec.singleBroker())) {
            Path clientConfig = Files.writeString(dir.resolve("client.properties"), "client.dns.lookup=use_all_dns_ips\n");
            System.setProperty(ExternalKafkaCluster.BOOTSTRAP_PROPERTY, someoneElses.bootstrapServers());
            System.setProperty(ExternalKafkaCluster.CLIENT_CONFIG_PROPERTY, clientConfig.toString());

            KafkaCluster external = KafkaClusters.start(KafkaMode.EXTERNAL, ClusterSpec.singleBroker());
            assertThat(external.mode()).isEqualTo(KafkaMode.EXTERNAL);
            assertThat(external.brokerCount()).isEqualTo(1);
            assertThat(external.clientProperties()).containsEntry("client.dns.lookup", "use_all_dns_ips");
            assertThat(external.supportsBrokerControl()).isFalse();

            String topic;
            try (KafkaFixture kafka = KafkaFixture.on(external, "external-mode")) {
                topic = kafka.createTopic("ad-events", 2);
                kafka.stringProducer().send(new ProducerRecord<>(topic, "c-001", "hello")).get();
                KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("external"));
                consumer.subscribe(List.of(topic));
                assertThat(Consume.records(consumer, 1)).singleElement()
                        .satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
            }
            try (KafkaFixture check = KafkaFixture.on(someoneElses, "check")) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(check.admin().listTopics().names().get()).doesNotContain(topic));
            }
        }
    }

    @Test
    void missingBootstrapServersNamesTheSettingAndTheFix() {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect(null, null))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("KAFKA_CLIENT_CONFIG");
    }

    @Test
    void unreachableClusterNamesTheAddressTriedWithinABoundedTime() {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect("127.0.0.1:1", Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("within 2 s");
    }

    @Test
    void unreadableClientConfigNamesTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ExternalKafkaCluster.connect("127.0.0.1:1",
                dir.resolve("missing.properties").toString()))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("KAFKA_CLIENT_CONFIG")
                .hasMessageContaining("missing.properties");
    }

    @Test
    void aProfileFileIsExpandedAndItsErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path profile = Files.writeString(dir.resolve("msk.properties"), "course.profile=msk-scram\ncourse.profile.username=u\n"
                + "course.profile.password.file=" + Files.writeString(dir.resolve("pw"), "p").toString().replace("\\", "/") + "\n");
        Map<String, Object> props = ExternalKafkaCluster.fromProfile(ExternalKafkaCluster.loadClientConfig(profile),
                "localhost:9096", profile.toString());
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("bootstrap.servers")
                .doesNotContainKey("course.profile");

        assertThatThrownBy(() -> ExternalKafkaCluster.fromProfile(Map.of("course.profile", "msk-tls"),
                "b-1.x.kafka.ap-northeast-2.amazonaws.com:9096", profile.toString()))
                .isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("KAFKA_CLIENT_CONFIG").hasMessageContaining("msk.properties").hasMessageContaining("9094");
    }
}
