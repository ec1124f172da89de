package dev.kafkacourse.session11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Exercise (core): {@link ProducerSettings} refuses what breaks ordering or durability and keeps every setting. */
@KafkaTest
class ProducerSettingsTest {

    @Test
    void safeTunedSettingsAreKeptExplicitlyAndWorkOnTheBroker(KafkaFixture kafka) throws Exception {
        Map<String, Object> config = ProducerSettings.builder().lingerMs(20).batchSize(131_072).compression("zstd")
                .requireOrdering().requireDurability().build();

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131_072)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        assertSendsInOrder(kafka, config);
    }

    @Test
    void refusesRetriesWithSeveralRequestsInFlightAndNoIdempotenceWhenOrderMatters() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().idempotence(false)
                        .maxInFlight(5).requireOrdering().build())
                .withMessageContaining(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().idempotence(false)
                        .maxInFlight(2).retries(3).requireOrdering().build())
                .withMessageContaining(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
    }

    @Test
    void keepsOrderWithoutIdempotenceWhenOneRequestIsInFlight(KafkaFixture kafka) throws Exception {
        Map<String, Object> config = ProducerSettings.builder().idempotence(false).maxInFlight(1).requireOrdering()
                .build();

        // Kafka 4 turns idempotence on unless told otherwise: "off" must be written down.
        assertThat(config).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        assertSendsInOrder(kafka, config);
    }

    @Test
    void refusesAcksOneWhenRecordsMustSurviveALeaderFailure() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().acks("1")
                        .idempotence(false).requireDurability().build())
                .withMessageContaining(ProducerConfig.ACKS_CONFIG).withMessageContaining("all");
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().acks("0")
                        .idempotence(false).requireDurability().build())
                .withMessageContaining(ProducerConfig.ACKS_CONFIG);
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().retries(0)
                        .requireDurability().build())
                .withMessageContaining(ProducerConfig.RETRIES_CONFIG);
    }

    @Test
    void acceptsAcksOneWithoutADurabilityRequirement(KafkaFixture kafka) throws Exception {
        Map<String, Object> config = ProducerSettings.builder().acks("1").idempotence(false).maxInFlight(1)
                .requireOrdering().build();

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        assertSendsInOrder(kafka, config);
    }

    @Test
    void refusesWhatKafkaItselfWouldRefuseWithTheFix() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().acks("1").build())
                .withMessageContaining(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().maxInFlight(6).build())
                .withMessageContaining(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        assertThatIllegalArgumentException().isThrownBy(() -> ProducerSettings.builder().compression("lz5").build())
                .withMessageContaining(ProducerConfig.COMPRESSION_TYPE_CONFIG);
        // The limits themselves are allowed.
        assertThat(ProducerSettings.builder().maxInFlight(5).requireOrdering().build())
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        assertThat(ProducerSettings.builder().idempotence(false).retries(0).maxInFlight(5).requireOrdering().build())
                .containsEntry(ProducerConfig.RETRIES_CONFIG, 0);
    }

    /** The settings make a working producer: 300 records over 10 keys arrive, each key's in the order sent. */
    private static void assertSendsInOrder(KafkaFixture kafka, Map<String, Object> settings) throws Exception {
        String topic = kafka.createTopic("ad-events", 3);
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.putAll(settings);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>(topic, "campaign-" + (i % 10), Integer.toString(i)));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> records = kafka.readFromBeginning(topic, 300, new StringDeserializer(),
                new StringDeserializer());
        assertThat(records).hasSize(300);
        Map<String, List<Integer>> byKey = new HashMap<>();
        records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value())));
        assertThat(byKey).hasSize(10).allSatisfy((key, values) -> assertThat(values).isSorted());
    }
}
