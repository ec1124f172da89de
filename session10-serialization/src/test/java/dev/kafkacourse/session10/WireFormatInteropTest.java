package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.registry.SharedRegistry;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.ApicurioSerdes;
import dev.kafkacourse.session10.serde.CourseAvroDeserializer;
import dev.kafkacourse.session10.serde.CourseAvroSerializer;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaDeserializer;
import io.apicurio.registry.serde.protobuf.ProtobufKafkaSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Confluent's wire format through a real broker and a real registry: Apicurio's serdes and the course's own
 * serializer read each other's records, both ways; Protobuf carries Confluent's message indexes.
 */
@ExtendWith(StartRegistryEarly.class)
@KafkaTest
class WireFormatInteropTest {

    private static RegistryUrls registry;
    private static final List<AdEvent> EVENTS = AdEventGenerator.builder().seed(10).impressions(20).build()
            .generate().distinctEvents();

    @BeforeAll
    static void registry() {
        registry = RegistryFixture.registry();
    }

    @Test
    void apicurioSerializerWritesWhatTheCourseDeserializerReads(KafkaFixture kafka) {
        String topic = kafka.createTopic("ads-avro-apicurio", 1);
        AvroKafkaSerializer<dev.kafkacourse.ads.avro.AdEvent> serializer = new AvroKafkaSerializer<>();
        serializer.configure(ApicurioSerdes.avro(registry), false);
        send(kafka, topic, serializer);

        List<ConsumerRecord<String, byte[]>> raw = kafka.readFromBeginning(topic, EVENTS.size(),
                new StringDeserializer(), new ByteArrayDeserializer());
        assertThat(raw).allSatisfy(r -> assertThat(r.value()[0]).isZero());
        int id = ByteBuffer.wrap(raw.get(0).value(), 1, 4).getInt();
        assertThat(registry.client().schemaById(id)).contains("\"AdEvent\"", "costMicros");

        Deserializer<dev.kafkacourse.ads.avro.AdEvent> course = CourseAvroDeserializer.specific(registry.client(),
                dev.kafkacourse.ads.avro.AdEvent.getClassSchema());
        assertThat(raw).extracting(r -> AdEventFormats.fromAvro(course.deserialize(topic, r.value())))
                .containsExactlyElementsOf(EVENTS);
    }

    @Test
    void courseSerializerWritesWhatApicurioDeserializerReads(KafkaFixture kafka) {
        String topic = kafka.createTopic("ads-avro-course", 1);
        CourseAvroSerializer<dev.kafkacourse.ads.avro.AdEvent> serializer = new CourseAvroSerializer<>();
        serializer.configure(java.util.Map.of(CourseAvroSerializer.REGISTRY_URL, registry.ccompat()), false);
        send(kafka, topic, serializer);

        assertThat(registry.client().versions(topic + "-value")).hasSize(1);
        AvroKafkaDeserializer<dev.kafkacourse.ads.avro.AdEvent> apicurio = new AvroKafkaDeserializer<>();
        apicurio.configure(ApicurioSerdes.avroSpecific(registry), false);
        List<ConsumerRecord<String, dev.kafkacourse.ads.avro.AdEvent>> read = kafka.readFromBeginning(topic,
                EVENTS.size(), new StringDeserializer(), apicurio);
        assertThat(read).extracting(r -> AdEventFormats.fromAvro(r.value())).containsExactlyElementsOf(EVENTS);
    }

    @Test
    void protobufCarriesConfluentsMessageIndexes(KafkaFixture kafka) {
        String topic = kafka.createTopic("ads-proto", 1);
        ProtobufKafkaSerializer<dev.kafkacourse.ads.proto.AdEvent> serializer = new ProtobufKafkaSerializer<>();
        serializer.configure(ApicurioSerdes.protobuf(registry, dev.kafkacourse.ads.proto.AdEvent.class), false);
        try (KafkaProducer<String, dev.kafkacourse.ads.proto.AdEvent> producer = kafka.producer(
                new StringSerializer(), serializer)) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<>(topic, e.campaignId(),
                    AdEventFormats.toProto(e))).toList());
        }
        List<ConsumerRecord<String, byte[]>> raw = kafka.readFromBeginning(topic, EVENTS.size(),
                new StringDeserializer(), new ByteArrayDeserializer());
        // Magic byte, 4-byte id, then the message index list as zigzag varints: count 1 (byte 2), index 0 (the
        // .proto file's first message). Confluent's serializer writes the same list shortened to a single 0 byte;
        // both deserializers read either form.
        assertThat(raw).allSatisfy(r -> {
            assertThat(r.value()[0]).isZero();
            assertThat(r.value()[5]).isEqualTo((byte) 2);
            assertThat(r.value()[6]).isZero();
        });

        ProtobufKafkaDeserializer<dev.kafkacourse.ads.proto.AdEvent> deserializer = new ProtobufKafkaDeserializer<>();
        deserializer.configure(ApicurioSerdes.protobuf(registry, dev.kafkacourse.ads.proto.AdEvent.class), false);
        assertThat(raw).extracting(r -> AdEventFormats.fromProto(deserializer.deserialize(topic, r.value())))
                .containsExactlyElementsOf(EVENTS);
    }

    private static void send(KafkaFixture kafka, String topic,
            org.apache.kafka.common.serialization.Serializer<dev.kafkacourse.ads.avro.AdEvent> serializer) {
        try (KafkaProducer<String, dev.kafkacourse.ads.avro.AdEvent> producer = kafka.producer(new StringSerializer(),
                serializer)) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<>(topic, e.campaignId(),
                    AdEventFormats.toAvro(e))).toList());
        }
    }
}
