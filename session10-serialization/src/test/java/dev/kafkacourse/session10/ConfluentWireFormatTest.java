package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.ApicurioSerdes;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exercise 2: Confluent's wire format, framed and taken apart, with a clear error for what is not in it. */
@ExtendWith(StartRegistryEarly.class)
@KafkaTest
class ConfluentWireFormatTest {

    @Test
    void framesMagicByteThenTheIdBigEndianThenThePayload() {
        assertThat(ConfluentWireFormat.frame(258, new byte[] {7, 8, 9}))
                .containsExactly(0, 0, 0, 1, 2, 7, 8, 9);
        assertThat(ConfluentWireFormat.frame(0x0A0B0C0D, new byte[0])).containsExactly(0, 0x0A, 0x0B, 0x0C, 0x0D);
    }

    @Test
    void parsesTheIdAndThePayloadAfterTheFiveByteHeader() {
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.parse(new byte[] {0, 0x01, 0x02, 0x03, 0x04, 42, 43});

        assertThat(framed.schemaId()).isEqualTo(0x01020304);
        assertThat(framed.payload()).containsExactly(42, 43);
    }

    @Test
    void rejectsAnUnknownMagicByteNamingIt() {
        assertThatThrownBy(() -> ConfluentWireFormat.parse(new byte[] {1, 0, 0, 0, 7, 42}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("0x01")
                .hasMessageContainingAll("magic");
        AdEvent event = AdEventGenerator.builder().seed(3).impressions(1).build().generate().distinctEvents().get(0);
        // A JSON producer on the same topic: its first byte is '{'.
        assertThatThrownBy(() -> ConfluentWireFormat.parse(AdEventJson.toBytes(event)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("0x7b");
    }

    @Test
    void rejectsAValueTooShortForTheHeaderWithASerializationException() {
        for (byte[] value : List.of(new byte[0], new byte[] {0}, new byte[] {0, 0, 0, 1})) {
            assertThatThrownBy(() -> ConfluentWireFormat.parse(value)).as("%d byte(s)", value.length)
                    .isInstanceOf(SerializationException.class).hasMessageContaining(value.length + " byte");
        }
    }

    @Test
    void readsWhatApicuriosSerializerWroteThroughKafka(KafkaFixture kafka) throws Exception {
        RegistryUrls registry = RegistryFixture.registry();
        String topic = kafka.createTopic("ads-framed", 1);
        List<AdEvent> events = AdEventGenerator.builder().seed(77).impressions(5).build().generate().distinctEvents();
        AvroKafkaSerializer<dev.kafkacourse.ads.avro.AdEvent> serializer = new AvroKafkaSerializer<>();
        serializer.configure(ApicurioSerdes.avro(registry), false);
        try (KafkaProducer<String, dev.kafkacourse.ads.avro.AdEvent> producer = kafka.producer(new StringSerializer(),
                serializer)) {
            Sends.all(producer, events.stream().map(e -> new ProducerRecord<>(topic, e.campaignId(),
                    AdEventFormats.toAvro(e))).toList());
        }
        List<ConsumerRecord<String, byte[]>> raw = kafka.readFromBeginning(topic, events.size(),
                new StringDeserializer(), new ByteArrayDeserializer());

        for (int i = 0; i < events.size(); i++) {
            ConfluentWireFormat.Framed framed = ConfluentWireFormat.parse(raw.get(i).value());
            Schema writer = new Schema.Parser().parse(registry.client().schemaById(framed.schemaId()));
            dev.kafkacourse.ads.avro.AdEvent read = new SpecificDatumReader<dev.kafkacourse.ads.avro.AdEvent>(writer,
                    dev.kafkacourse.ads.avro.AdEvent.getClassSchema(),
                    new org.apache.avro.specific.SpecificData(getClass().getClassLoader()))
                    .read(null, DecoderFactory.get().binaryDecoder(framed.payload(), null));
            assertThat(AdEventFormats.fromAvro(read)).isEqualTo(events.get(i));
        }
    }
}
