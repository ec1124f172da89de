package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session10.registry.CcompatClient;
import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.CourseAvroDeserializer;
import dev.kafkacourse.session10.serde.CourseAvroSerializer;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exercise 1 (core): version 2 of the Avro schema adds {@code placement} compatibly. */
@ExtendWith(StartRegistryEarly.class)
@KafkaTest
class AdEventEvolutionTest {

    private static final Schema V1 = dev.kafkacourse.ads.avro.AdEvent.getClassSchema();
    private static final List<AdEvent> EVENTS = AdEventGenerator.builder().seed(1010).impressions(12).build()
            .generate().distinctEvents();
    private static RegistryUrls registry;

    @BeforeAll
    static void registry() {
        registry = RegistryFixture.registry();
    }

    @Test
    void keepsEveryFieldAndTheRecordNameAndAddsPlacementWithItsDefault() {
        Schema v2 = AdEventEvolution.withPlacement(V1);

        assertThat(v2.getFullName()).isEqualTo(V1.getFullName());
        for (Schema.Field field : V1.getFields()) {
            assertThat(v2.getField(field.name())).as("field %s of version 1", field.name()).isNotNull();
            assertThat(v2.getField(field.name()).schema()).as("type of %s", field.name()).isEqualTo(field.schema());
        }
        Schema.Field placement = v2.getField(AdEventEvolution.PLACEMENT);
        assertThat(placement).as("the placement field").isNotNull();
        assertThat(placement.schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(placement.hasDefaultValue()).as("placement has a default").isTrue();
        assertThat(placement.defaultVal()).isEqualTo(AdEventEvolution.UNKNOWN_PLACEMENT);
        assertThat(v2.getFields()).hasSize(V1.getFields().size() + 1);
    }

    @Test
    void theRegistryAcceptsItUnderBackwardAndFull() {
        CcompatClient client = registry.client();
        for (String level : List.of("BACKWARD", "FULL")) {
            String subject = "evolution-" + level + "-" + System.nanoTime() + "-value";
            client.setCompatibility(subject, level);
            int v1 = client.register(subject, "AVRO", V1.toString());
            int v2 = client.register(subject, "AVRO", AdEventEvolution.withPlacement(V1).toString());
            assertThat(v2).as("a new schema id under %s", level).isNotEqualTo(v1);
            assertThat(client.versions(subject)).hasSize(2);
        }
    }

    @Test
    void aConsumerOnVersion2ReadsOldRecordsWithPlacementUnknown(KafkaFixture kafka) {
        String topic = kafka.createTopic("ads-v1", 1);
        try (KafkaProducer<String, dev.kafkacourse.ads.avro.AdEvent> producer = kafka.producer(new StringSerializer(),
                new CourseAvroSerializer<>(registry.client()))) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<>(topic, e.campaignId(),
                    AdEventFormats.toAvro(e))).toList());
        }
        Schema v2 = AdEventEvolution.withPlacement(V1);
        List<ConsumerRecord<String, GenericRecord>> read = kafka.readFromBeginning(topic, EVENTS.size(),
                new StringDeserializer(), CourseAvroDeserializer.generic(registry.client(), v2));

        assertThat(read).extracting(r -> String.valueOf(r.value().get(AdEventEvolution.PLACEMENT)))
                .containsOnly(AdEventEvolution.UNKNOWN_PLACEMENT);
        assertThat(read).extracting(r -> r.value().get("eventId").toString())
                .containsExactlyElementsOf(EVENTS.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void aConsumerStillOnVersion1ReadsNewRecords(KafkaFixture kafka) {
        String topic = kafka.createTopic("ads-v2", 1);
        CcompatClient client = registry.client();
        client.register(topic + "-value", "AVRO", V1.toString());   // version 1 came first; BACKWARD is the default
        Schema v2 = AdEventEvolution.withPlacement(V1);
        try (KafkaProducer<String, GenericRecord> producer = kafka.producer(new StringSerializer(),
                new CourseAvroSerializer<>(client))) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<>(topic, e.campaignId(),
                    withPlacement(v2, AdEventFormats.toAvro(e), "feed"))).toList());
        }
        List<ConsumerRecord<String, dev.kafkacourse.ads.avro.AdEvent>> read = kafka.readFromBeginning(topic,
                EVENTS.size(), new StringDeserializer(), CourseAvroDeserializer.specific(client, V1));

        assertThat(read).extracting(r -> AdEventFormats.fromAvro(r.value())).containsExactlyElementsOf(EVENTS);
        assertThat(client.versions(topic + "-value")).hasSize(2);
    }

    private static GenericRecord withPlacement(Schema v2, dev.kafkacourse.ads.avro.AdEvent v1, String placement) {
        GenericData.Record record = new GenericData.Record(v2);
        for (Schema.Field field : v1.getSchema().getFields()) {
            Object value = v1.get(field.name());
            record.put(field.name(), value instanceof Enum<?> symbol
                    ? new GenericData.EnumSymbol(v2.getField(field.name()).schema(), symbol.name()) : value);
        }
        record.put(AdEventEvolution.PLACEMENT, placement);
        return record;
    }

}
