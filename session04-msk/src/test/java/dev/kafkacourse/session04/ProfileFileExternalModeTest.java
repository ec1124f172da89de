package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.Consume;
import dev.kafkacourse.support.kafka.ExternalKafkaCluster;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaSettingsException;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KAFKA_CLIENT_CONFIG with a profile file, end to end: external mode reaches a SASL_SSL/SCRAM-SHA-512 broker with
 * nothing but {@code course.profile=msk-scram}, a user, a password file and the trust store, exactly as a learner
 * reaches MSK on 9096 (where the trust store line is not needed).
 */
class ProfileFileExternalModeTest {

    @AfterEach
    void clearSettings() {
        System.clearProperty("kafka.bootstrap.servers");
        System.clearProperty("kafka.client.config");
    }

    @Test
    void externalModeConnectsThroughAScramProfileFile(@TempDir Path dir) throws Exception {
        SecureKafkaCluster broker = SecureKafkaCluster.shared();
        String user = SecureKafkaCluster.SUPER_USER; // may create topics, as the course's external tests do
        Path password = Files.writeString(dir.resolve("password"), broker.password(user));
        Path trustPassword = Files.writeString(dir.resolve("truststore-password"), broker.certificates().trustStore().password());
        Path profile = Files.writeString(dir.resolve("msk-scram.properties"), String.join("\n",
                "course.profile=msk-scram",
                "course.profile.username=" + user,
                "course.profile.password.file=" + password,
                "course.profile.truststore.location=" + broker.certificates().trustStore().path(),
                "course.profile.truststore.password.file=" + trustPassword, ""));
        System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        System.setProperty("kafka.client.config", profile.toString());

        ExternalKafkaCluster external = ExternalKafkaCluster.connect();
        assertThat(external.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("course.profile");
        try (KafkaFixture kafka = KafkaFixture.on(external, "profile-file")) {
            String topic = kafka.createTopic("ad-events", 1);
            kafka.stringProducer().send(new ProducerRecord<>(topic, "c-001", "over SASL_SSL")).get();
            KafkaConsumer<String, String> consumer = kafka.stringConsumer(kafka.groupId("profile"));
            consumer.subscribe(List.of(topic));
            assertThat(Consume.records(consumer, 1)).singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo("over SASL_SSL"));
        }
    }

    @Test
    void aProfileThatCannotWorkFailsBeforeConnectingAndNamesTheFile(@TempDir Path dir) throws Exception {
        Path profile = Files.writeString(dir.resolve("msk-scram.properties"),
                "course.profile=msk-scram\ncourse.profile.username=collector\n");
        System.setProperty("kafka.bootstrap.servers", "b-1.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com:9096");
        System.setProperty("kafka.client.config", profile.toString());

        assertThatThrownBy(ExternalKafkaCluster::connect).isInstanceOf(KafkaSettingsException.class)
                .hasMessageContaining("KAFKA_CLIENT_CONFIG").hasMessageContaining("msk-scram.properties")
                .hasMessageContaining("KAFKA_SASL_PASSWORD");
    }
}
