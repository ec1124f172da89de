package dev.kafkacourse.session10;

import dev.kafkacourse.session10.registry.CcompatClient;
import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.registry.SharedRegistry;
import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.session10.serde.CourseAvroDeserializer;
import dev.kafkacourse.session10.serde.CourseAvroSerializer;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Sends;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lab: which changes of the ad event's schema a real registry accepts under BACKWARD, FORWARD, FULL and NONE
 * (409 otherwise), then an old reader and a new reader on real records of the other version.
 */
public final class EvolutionLab {

    static final List<String> LEVELS = List.of("BACKWARD", "FORWARD", "FULL", "NONE");

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().build();

    private EvolutionLab() {
    }

    public static void main(String[] args) {
        LabRunner.run("session10 evolution", EvolutionLab::run);
    }

    /** @param verdicts change → level → accepted (true) or refused with 409 (false) */
    record Result(Map<String, Map<String, Boolean>> verdicts, List<String> newReaderSawBrowser,
            List<String> oldReaderDevices, int recordsEachWay) {
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        RegistryUrls registry = SharedRegistry.get();
        CcompatClient client = registry.client();
        Schema v1 = dev.kafkacourse.ads.avro.AdEvent.getClassSchema();
        String v1Json = v1.toString();
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("add browser with a default", addField(v1Json, "{\"name\":\"browser\",\"type\":\"string\",\"default\":\"n/a\"}"));
        changes.put("add browser without default", addField(v1Json, "{\"name\":\"browser\",\"type\":\"string\"}"));
        changes.put("remove impressionId (has default)", removeField(v1, "impressionId"));
        changes.put("remove device (no default)", removeField(v1, "device"));
        changes.put("rename device -> deviceType", v1Json.replace("\"name\":\"device\"", "\"name\":\"deviceType\""));
        changes.put("costMicros long -> string", v1Json.replace(
                "{\"name\":\"costMicros\",\"type\":\"long\"}", "{\"name\":\"costMicros\",\"type\":\"string\"}"));

        out.printf("Registry %s, version 1 = the generated class's schema%n%n", registry.ccompat());
        out.printf("%-36s %-10s %-10s %-10s %-10s%n", "change to version 2", "BACKWARD", "FORWARD", "FULL", "NONE");
        Map<String, Map<String, Boolean>> verdicts = new LinkedHashMap<>();
        long run = System.nanoTime();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            Map<String, Boolean> row = new LinkedHashMap<>();
            for (String level : LEVELS) {
                String subject = "evolution-lab-" + run + "-" + level + "-" + verdicts.size() + "-value";
                client.setCompatibility(subject, level);
                client.register(subject, "AVRO", v1Json);
                try {
                    client.register(subject, "AVRO", change.getValue());
                    row.put(level, true);
                } catch (CcompatClient.IncompatibleSchemaException e) {
                    row.put(level, false);
                }
            }
            verdicts.put(change.getKey(), row);
            List<Object> cells = new java.util.ArrayList<>(List.of(change.getKey()));
            LEVELS.forEach(level -> cells.add(row.get(level) ? "ok" : "409"));
            out.printf("%-36s %-10s %-10s %-10s %-10s%n", cells.toArray());
        }
        out.println("\nBACKWARD: a reader on the new version reads old data. FORWARD: a reader on the old version "
                + "reads new data. FULL: both. NONE: no check at all.");

        // Real records both ways: version 1 written, a version-2 reader; version 2 written, a version-1 reader.
        Schema v2 = new Schema.Parser().parse(changes.get("add browser with a default"));
        List<AdEvent> events = AdEventGenerator.builder().seed(10).impressions(5).build().generate().distinctEvents();
        String oldTopic = kafka.createTopic("ads-written-v1", 1);
        String newTopic = kafka.createTopic("ads-written-v2", 1);
        try (KafkaProducer<String, org.apache.avro.generic.GenericContainer> producer = kafka.producer(new StringSerializer(),
                new CourseAvroSerializer<>(client))) {
            Sends.all(producer, events.stream().map(e -> new ProducerRecord<String, org.apache.avro.generic.GenericContainer>(oldTopic, e.campaignId(),
                    AdEventFormats.toAvro(e))).toList());
            Sends.all(producer, events.stream().map(e -> new ProducerRecord<String, org.apache.avro.generic.GenericContainer>(newTopic, e.campaignId(),
                    asV2(v2, AdEventFormats.toAvro(e)))).toList());
        }
        List<ConsumerRecord<String, GenericRecord>> newReader = kafka.readFromBeginning(oldTopic, events.size(),
                new StringDeserializer(), CourseAvroDeserializer.generic(client, v2));
        List<ConsumerRecord<String, dev.kafkacourse.ads.avro.AdEvent>> oldReader = kafka.readFromBeginning(newTopic,
                events.size(), new StringDeserializer(), CourseAvroDeserializer.specific(client, v1));
        out.println("\nA version-2 reader on records written with version 1 (browser filled from the default):");
        newReader.forEach(r -> out.printf("  %s %-10s browser=%s%n", r.value().get("eventId"), r.value().get("type"),
                r.value().get("browser")));
        out.println("A version-1 reader (generated class) on records written with version 2 (browser skipped):");
        oldReader.forEach(r -> out.printf("  %s %-10s device=%s%n", r.value().getEventId(), r.value().getType(),
                r.value().getDevice()));
        return new Result(verdicts, newReader.stream().map(r -> String.valueOf(r.value().get("browser"))).toList(),
                oldReader.stream().map(r -> r.value().getDevice()).toList(), events.size());
    }

    private static String addField(String schemaJson, String fieldJson) {
        int end = schemaJson.lastIndexOf(']');
        return schemaJson.substring(0, end) + "," + fieldJson + schemaJson.substring(end);
    }

    /** The schema's JSON without field {@code name}: edited as text, the way a learner edits an .avsc file. */
    private static String removeField(Schema schema, String name) {
        tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) JSON.readTree(
                schema.toString());
        tools.jackson.databind.node.ArrayNode fields = (tools.jackson.databind.node.ArrayNode) json.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asString().equals(name)) {
                fields.remove(i);
                break;
            }
        }
        return JSON.writeValueAsString(json);
    }

    private static GenericRecord asV2(Schema v2, dev.kafkacourse.ads.avro.AdEvent event) {
        org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(v2);
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.name());
            record.put(field.name(), value instanceof Enum<?> symbol ? new org.apache.avro.generic.GenericData
                    .EnumSymbol(v2.getField(field.name()).schema(), symbol.name()) : value);
        }
        record.put("browser", "firefox");
        return record;
    }
}
