package dev.kafkacourse.session10;

import dev.kafkacourse.session10.serde.AdEventFormats;
import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bench (not a test): bytes per ad event and serialize/deserialize time in JSON, Avro and Protobuf, then the same
 * events through the broker with compression none and lz4: records/s and bytes in the log. Times include the
 * conversion from the pipeline's event object, as a producer pays it. Registry framing adds 5 bytes (Protobuf 7)
 * to the Avro and Protobuf sizes. Args: number of events (default 20000) or "quick" (2000).
 */
public final class FormatBench {

    private FormatBench() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 && args[0].equals("quick") ? 2_000 : args.length > 0 ? Integer.parseInt(args[0])
                : 20_000;
        LabRunner.run("session10 bench", (kafka, out) -> run(kafka, out, events));
    }

    record Row(String format, double bytesPerEvent, double serializeMicros, double deserializeMicros) {
    }

    record WireRow(String format, String compression, double recordsPerSecond, long logBytes) {
    }

    record Result(List<Row> rows, List<WireRow> wire) {
    }

    interface Codec {
        byte[] write(AdEvent event);

        AdEvent read(byte[] bytes);
    }

    static Result run(KafkaFixture kafka, PrintStream out, int count) {
        List<AdEvent> events = AdEventGenerator.builder().seed(2026).impressions(count).build().generate()
                .distinctEvents();
        Map<String, Codec> codecs = new java.util.LinkedHashMap<>();
        codecs.put("JSON (Jackson)", codec(AdEventJson::toBytes, AdEventJson::fromBytes));
        codecs.put("Avro binary", avro());
        codecs.put("Protobuf", codec(e -> AdEventFormats.toProto(e).toByteArray(), b -> {
            try {
                return AdEventFormats.fromProto(dev.kafkacourse.ads.proto.AdEvent.parseFrom(b));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }));
        out.printf("%d ad events (%d impressions + clicks), JDK %s%n%n", events.size(), count,
                System.getProperty("java.version"));
        out.printf("%-16s %12s %14s %16s %14s%n", "format", "bytes/event", "serialize µs", "deserialize µs",
                "round trip µs");
        List<Row> rows = new ArrayList<>();
        Map<String, List<byte[]>> encoded = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Codec> entry : codecs.entrySet()) {
            Codec codec = entry.getValue();
            List<byte[]> bytes = null;
            for (int warmup = 0; warmup < 10; warmup++) {
                bytes = events.stream().map(codec::write).toList();
                bytes.forEach(codec::read);
            }
            long start = System.nanoTime();
            for (int round = 0; round < 3; round++) {
                bytes = events.stream().map(codec::write).toList();
            }
            double ser = (System.nanoTime() - start) / 1e3 / 3 / events.size();
            start = System.nanoTime();
            for (int round = 0; round < 3; round++) {
                bytes.forEach(codec::read);
            }
            double de = (System.nanoTime() - start) / 1e3 / 3 / events.size();
            double size = bytes.stream().mapToInt(b -> b.length).average().orElse(0);
            rows.add(new Row(entry.getKey(), size, ser, de));
            encoded.put(entry.getKey(), bytes);
            out.printf("%-16s %12.1f %14.2f %16.2f %14.2f%n", entry.getKey(), size, ser, de, ser + de);
        }

        out.printf("%nThrough the broker (%d records each, linger.ms=5, batch.size=65536):%n", events.size());
        out.printf("%-16s %-12s %12s %14s %14s%n", "format", "compression", "records/s", "log bytes", "bytes/record");
        List<WireRow> wire = new ArrayList<>();
        // One untimed pass first: the first producer of a JVM pays for class loading and the broker's warm-up.
        produce(kafka, kafka.createTopic("bench-warmup", 1), "none", events, encoded.get("JSON (Jackson)"));
        for (String compression : List.of("none", "lz4")) {
            for (Map.Entry<String, List<byte[]>> entry : encoded.entrySet()) {
                String topic = kafka.createTopic("bench-" + compression, 1);
                double perSecond = produce(kafka, topic, compression, events, entry.getValue());
                long logBytes = logBytes(kafka, topic);
                wire.add(new WireRow(entry.getKey(), compression, perSecond, logBytes));
                out.printf("%-16s %-12s %12.0f %14d %14.1f%n", entry.getKey(), compression, perSecond, logBytes,
                        (double) logBytes / events.size());
            }
        }
        return new Result(rows, wire);
    }

    /** Sends the pre-serialized values and waits until all are acknowledged; returns records per second. */
    private static double produce(KafkaFixture kafka, String topic, String compression, List<AdEvent> events,
            List<byte[]> values) {
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(topic, events.get(i).campaignId(), values.get(i)));
            }
            producer.flush();
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static long logBytes(KafkaFixture kafka, String topic) {
        try {
            TopicPartition partition = new TopicPartition(topic, 0);
            List<Integer> brokers = kafka.admin().describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            long size = 0;
            for (Map<String, LogDirDescription> dirs : kafka.admin().describeLogDirs(brokers).allDescriptions().get()
                    .values()) {
                for (LogDirDescription dir : dirs.values()) {
                    ReplicaInfo replica = dir.replicaInfos().get(partition);
                    if (replica != null) {
                        size = Math.max(size, replica.size());   // one replica's log, not the sum over replicas
                    }
                }
            }
            return size;
        } catch (Exception e) {
            throw new IllegalStateException("describeLogDirs failed", e);
        }
    }

    private static Codec codec(Function<AdEvent, byte[]> write, Function<byte[], AdEvent> read) {
        return new Codec() {
            public byte[] write(AdEvent event) {
                return write.apply(event);
            }

            public AdEvent read(byte[] bytes) {
                return read.apply(bytes);
            }
        };
    }

    /** Avro with a reused writer, reader and encoder/decoder, as a serializer keeps them. */
    private static Codec avro() {
        SpecificDatumWriter<dev.kafkacourse.ads.avro.AdEvent> writer = new SpecificDatumWriter<>(
                dev.kafkacourse.ads.avro.AdEvent.class);
        SpecificDatumReader<dev.kafkacourse.ads.avro.AdEvent> reader = new SpecificDatumReader<>(
                dev.kafkacourse.ads.avro.AdEvent.class);
        return new Codec() {
            private BinaryEncoder encoder;
            private BinaryDecoder decoder;

            public byte[] write(AdEvent event) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(128);
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
                try {
                    writer.write(AdEventFormats.toAvro(event), encoder);
                    encoder.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toByteArray();
            }

            public AdEvent read(byte[] bytes) {
                decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
                try {
                    return AdEventFormats.fromAvro(reader.read(null, decoder));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
