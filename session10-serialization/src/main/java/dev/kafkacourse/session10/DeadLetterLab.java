package dev.kafkacourse.session10;

import dev.kafkacourse.session10.registry.CcompatClient;
import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.registry.SharedRegistry;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.CourseAvroDeserializer;
import dev.kafkacourse.session10.serde.CourseAvroSerializer;
import dev.kafkacourse.support.dlq.DeadLetter;
import dev.kafkacourse.support.dlq.DeadLetters;
import dev.kafkacourse.support.dlq.FailureKind;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: bad records on an Avro topic (a JSON record, an unknown schema id, bytes that do not match their schema) go
 * to the dead-letter topic with the reason in the course's DLQ headers; the consumer keeps going and reads every
 * good record.
 */
public final class DeadLetterLab {

    private DeadLetterLab() {
    }

    public static void main(String[] args) {
        LabRunner.run("session10 dead-letters", DeadLetterLab::run);
    }

    record Result(List<AdEvent> sent, List<AdEvent> read, List<DeadLetter> deadLetters) {
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        RegistryUrls registry = SharedRegistry.get();
        CcompatClient client = registry.client();
        String topic = kafka.createTopic("ad-events-avro", 1);
        String dlq = kafka.createTopic(DeadLetters.TOPIC, 1);
        List<AdEvent> events = AdEventGenerator.builder().seed(16).impressions(6).build().generate().distinctEvents();

        CourseAvroSerializer<dev.kafkacourse.ads.avro.AdEvent> avro = new CourseAvroSerializer<>(client);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (AdEvent event : events) {
            records.add(new ProducerRecord<>(topic, event.campaignId(), avro.serialize(topic, AdEventFormats.toAvro(event))));
        }
        byte[] good = records.get(0).value();
        // 1: a producer still on JSON writes to the Avro topic.
        records.add(2, new ProducerRecord<>(topic, "json-producer", AdEventJson.toBytes(events.get(0))));
        // 2: a record framed for a schema id this registry never gave out (another registry's, or a deleted one).
        records.add(4, new ProducerRecord<>(topic, "foreign-id", ConfluentWireFormat.frame(987_654,
                ConfluentWireFormat.parse(good).payload())));
        // 3: the right id, but the bytes were cut off: they do not match the schema.
        records.add(6, new ProducerRecord<>(topic, "truncated", Arrays.copyOf(good, 12)));
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
            Sends.all(producer, records);
        }

        String group = kafka.groupId("avro-reader");
        CourseAvroDeserializer<dev.kafkacourse.ads.avro.AdEvent> deserializer = CourseAvroDeserializer.specific(client,
                dev.kafkacourse.ads.avro.AdEvent.getClassSchema());
        List<AdEvent> read = new ArrayList<>();
        try (KafkaProducer<String, byte[]> dlqProducer = kafka.producer(new StringSerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : kafka.readFromBeginning(topic, records.size(),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                try {
                    read.add(AdEventFormats.fromAvro(deserializer.deserialize(topic, record.value())));
                } catch (SerializationException e) {
                    // Bytes never change: no retry; park it with the reason and go on with the next record.
                    dlqProducer.send(DeadLetters.deadLetter(dlq, record, e, FailureKind.SCHEMA_VIOLATION, 1, group,
                            Instant.now()));
                    out.printf("offset %d key %-14s -> %s: %s%n", record.offset(), record.key(), dlq, e.getMessage());
                }
            }
            dlqProducer.flush();
        }
        List<DeadLetter> deadLetters = kafka.readFromBeginning(dlq, 3, new StringDeserializer(),
                new ByteArrayDeserializer()).stream().map(DeadLetters::read).toList();
        out.printf("%nRead %d good events of %d sent; %d dead letters:%n", read.size(), events.size(),
                deadLetters.size());
        deadLetters.forEach(d -> out.printf("  %s  %s=%s  %s=%s%n", d.origin(), DeadLetters.REASON, d.reason(),
                DeadLetters.EXCEPTION_CLASS, d.exceptionClass().substring(d.exceptionClass().lastIndexOf('.') + 1)));
        return new Result(events, read, deadLetters);
    }
}
