package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session10.registry.CcompatClient;
import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.ApicurioSerdes;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    /** Generated classes from this test's class loader (Avro's shared default would cache another loader's). */
    private static final SpecificData CLASSES = new SpecificData(AdEventEvolutionTest.class.getClassLoader());

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

    /**
     * One topic, version 1 records then version 2 records, both written by Apicurio's serializer (which registers
     * each version under the topic's subject). A consumer on version 2 and one still on version 1 both read all of
     * them. The test decodes the payload after the 5-byte header itself, with the writer schema it knows, so it does
     * not depend on exercise 2.
     */
    @Test
    void consumersOnEitherVersionReadTheRecordsOfBoth(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ads-v1-and-v2", 1);
        Schema v2 = AdEventEvolution.withPlacement(V1);
        AvroKafkaSerializer<GenericContainer> serializer = new AvroKafkaSerializer<>();
        serializer.configure(ApicurioSerdes.avro(registry), false);
        try (KafkaProducer<String, GenericContainer> producer = kafka.producer(new StringSerializer(), serializer)) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<String, GenericContainer>(topic,
                    e.campaignId(), AdEventFormats.toAvro(e))).toList());
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<String, GenericContainer>(topic,
                    e.campaignId(), withPlacement(v2, AdEventFormats.toAvro(e), "feed"))).toList());
        }
        List<ConsumerRecord<String, byte[]>> records = kafka.readFromBeginning(topic, 2 * EVENTS.size(),
                new StringDeserializer(), new ByteArrayDeserializer());

        List<String> placements = new ArrayList<>();
        List<AdEvent> readByVersion1 = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Schema writer = i < EVENTS.size() ? V1 : v2;
            byte[] payload = Arrays.copyOfRange(records.get(i).value(), 5, records.get(i).value().length);
            GenericRecord asVersion2 = new GenericDatumReader<GenericRecord>(writer, v2)
                    .read(null, DecoderFactory.get().binaryDecoder(payload, null));
            placements.add(String.valueOf(asVersion2.get(AdEventEvolution.PLACEMENT)));
            dev.kafkacourse.ads.avro.AdEvent asVersion1 = new SpecificDatumReader<dev.kafkacourse.ads.avro.AdEvent>(
                    writer, V1, CLASSES).read(null, DecoderFactory.get().binaryDecoder(payload, null));
            readByVersion1.add(AdEventFormats.fromAvro(asVersion1));
        }

        assertThat(placements.subList(0, EVENTS.size())).as("old records read with version 2")
                .containsOnly(AdEventEvolution.UNKNOWN_PLACEMENT);
        assertThat(placements.subList(EVENTS.size(), placements.size())).as("new records read with version 2")
                .containsOnly("feed");
        assertThat(readByVersion1.subList(0, EVENTS.size())).containsExactlyElementsOf(EVENTS);
        assertThat(readByVersion1.subList(EVENTS.size(), readByVersion1.size())).as("new records read with version 1")
                .containsExactlyElementsOf(EVENTS);
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
