package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.CourseAvroDeserializer;
import dev.kafkacourse.session10.serde.CourseAvroSerializer;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import dev.kafkacourse.support.kafka.Sends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The course's Avro serde is a plain Kafka serializer/deserializer pair, so the frameworks take it unchanged: a Kafka
 * Streams topology reads and re-writes ad events with it ({@code Serdes.serdeFrom}), and Spring Kafka's
 * {@code KafkaTemplate} and {@code DefaultKafkaConsumerFactory} send and read them. Real broker, real registry.
 */
@ExtendWith(StartRegistryEarly.class)
@KafkaTest
class AvroSerdeFrameworksTest {

    private static RegistryUrls registry;
    private static final List<AdEvent> EVENTS = AdEventGenerator.builder().seed(1010).impressions(60).build()
            .generate().distinctEvents();

    @BeforeAll
    static void registry() {
        registry = RegistryFixture.registry();
    }

    @Test
    void aKafkaStreamsTopologyReadsAndRewritesAvroAdEventsWithTheCourseSerde(KafkaFixture kafka, @TempDir Path state) {
        String input = kafka.createTopic("ads-avro-in", 1);
        String clicks = kafka.createTopic("ads-avro-clicks", 1);
        try (KafkaProducer<String, dev.kafkacourse.ads.avro.AdEvent> producer = kafka.producer(new StringSerializer(),
                new CourseAvroSerializer<>(registry.client()))) {
            Sends.all(producer, EVENTS.stream().map(e -> new ProducerRecord<>(input, e.campaignId(),
                    AdEventFormats.toAvro(e))).toList());
        }

        // Serdes handed to the topology are used as they are (Streams configures only its default serdes), so the
        // serializer and deserializer come with their registry client.
        Serde<dev.kafkacourse.ads.avro.AdEvent> avro = Serdes.serdeFrom(new CourseAvroSerializer<>(registry.client()),
                CourseAvroDeserializer.specific(registry.client(), dev.kafkacourse.ads.avro.AdEvent.getClassSchema()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), avro))
                .filter((campaign, event) -> AdEventFormats.fromAvro(event).isClick())
                .to(clicks, Produced.with(Serdes.String(), avro));

        List<AdEvent> expected = EVENTS.stream().filter(AdEvent::isClick).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(EVENTS.size());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsProperties(kafka, state))) {
            streams.start();
            List<ConsumerRecord<String, dev.kafkacourse.ads.avro.AdEvent>> read = kafka.readFromBeginning(clicks,
                    expected.size(), new StringDeserializer(), CourseAvroDeserializer.specific(registry.client(),
                            dev.kafkacourse.ads.avro.AdEvent.getClassSchema()));
            assertThat(read).extracting(r -> AdEventFormats.fromAvro(r.value())).containsExactlyElementsOf(expected);
        }
        // The topology's writes registered the schema under the output topic's subject, as a producer's would.
        assertThat(registry.client().versions(clicks + "-value")).hasSize(1);
    }

    @Test
    void springKafkasTemplateAndConsumerFactoryTakeTheCourseSerde(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("ads-avro-spring", 1);
        // The producer side by configuration only, as Boot would build it from spring.kafka.producer.* in
        // application.yml: the serializer's class name and Confluent's schema.registry.url key.
        Map<String, Object> producerConfig = new HashMap<>(kafka.producerConfig());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CourseAvroSerializer.class);
        producerConfig.put(CourseAvroSerializer.REGISTRY_URL, registry.ccompat());
        DefaultKafkaProducerFactory<String, dev.kafkacourse.ads.avro.AdEvent> producers =
                new DefaultKafkaProducerFactory<>(producerConfig);
        try {
            KafkaTemplate<String, dev.kafkacourse.ads.avro.AdEvent> template = new KafkaTemplate<>(producers);
            for (AdEvent event : EVENTS) {
                template.send(topic, event.campaignId(), AdEventFormats.toAvro(event));
            }
            template.flush();
        } finally {
            producers.destroy();
        }

        // The consumer side with deserializer instances, the other way the factories accept.
        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumerConfig(kafka.groupId("ads-avro-spring")));
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        DefaultKafkaConsumerFactory<String, dev.kafkacourse.ads.avro.AdEvent> consumers =
                new DefaultKafkaConsumerFactory<>(consumerConfig, new StringDeserializer(),
                        CourseAvroDeserializer.specific(registry.client(),
                                dev.kafkacourse.ads.avro.AdEvent.getClassSchema()));
        List<AdEvent> read = new ArrayList<>();
        try (Consumer<String, dev.kafkacourse.ads.avro.AdEvent> consumer = consumers.createConsumer()) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(AdEventFormats.fromAvro(r.value())));
                return read.size() >= EVENTS.size();
            });
        }
        assertThat(read).containsExactlyElementsOf(EVENTS);
        assertThat(registry.client().versions(topic + "-value")).hasSize(1);
    }

    private static Properties streamsProperties(KafkaFixture kafka, Path state) {
        Properties props = new Properties();
        kafka.commonConfig().forEach((key, value) -> {
            if (!key.equals("client.id")) {   // Streams names its own clients after the application id
                props.put(key, value);
            }
        });
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.groupId("ads-avro-clicks"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        return props;
    }
}
