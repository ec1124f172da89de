package dev.kafkacourse.session15;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedEvents;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.Offsets;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Lab 5: Kafka Connect archiving {@code ad-events} to an S3 bucket. A Connect worker in this JVM (distributed mode,
 * on the course's cluster) runs a real S3 sink connector, Apache Iceberg's Kafka Connect sink, which writes the
 * events as Avro data files into an S3-compatible store (S3Proxy) and commits them to a table. Records the
 * converter cannot read go to the connector's dead letter queue. Half-way the worker is stopped and a new one
 * started with the same group and internal topics: it carries on from the committed offsets, nothing is lost.
 */
public final class ConnectS3Lab {

    static final String CONNECTOR = "ad-events-to-s3";
    static final String TABLE = "ads.ad_events";
    /** The catalog's name: a JDBC catalog keeps the tables of each name apart, so the lab uses the connector's. */
    static final String CATALOG = "archive";
    static final int PARTITIONS = 3;
    static final int IMPRESSIONS = 300;
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectS3Lab() {
    }

    /**
     * @param generated         records the generator made (valid events and broken records)
     * @param unreadable        broken records the JSON converter cannot parse (expected in the DLQ)
     * @param expectedRows      records the connector must archive: the generated ones less the unreadable
     * @param rowsInTable       rows in the data files the table's current snapshot references
     * @param distinctEvents    distinct eventIds among them
     * @param lostEvents        valid generated events not in the table
     * @param duplicateRows     rows in the table beyond one per generated record
     * @param objects           every object key in the bucket (data files, manifests, metadata)
     * @param dataFiles         Avro data files in the bucket
     * @param dataFilesInTable  data files the table references
     * @param rowsInAllDataFiles rows in every data file in the bucket, referenced or not
     * @param deadLetters       records in the DLQ topic
     * @param distinctDeadLetters distinct source records among them (by the partition and offset headers)
     * @param deadLetterReasons DLQ records per (stage, exception class) from their headers
     * @param committedOffsets  GET /connectors/{name}/offsets after the run: partition -> offset
     * @param endOffsets        end offsets of ad-events: partition -> offset
     * @param rowsBeforeRestart rows committed when the first worker was stopped
     */
    record Result(int generated, int unreadable, int expectedRows, long rowsInTable, long distinctEvents,
            long lostEvents, long duplicateRows, List<String> objects, int dataFiles, int dataFilesInTable,
            long rowsInAllDataFiles, int deadLetters, int distinctDeadLetters, Map<String, Integer> deadLetterReasons,
            Map<Integer, Long> committedOffsets, Map<Integer, Long> endOffsets, long rowsBeforeRestart) {
    }

    public static void main(String[] args) {
        quietLogs();
        LabRunner.run("session15 connect-s3", (kafka, out) -> {
            try (S3Store store = S3Store.start()) {
                run(kafka, store, out);
            }
        });
    }

    /** Connect, Iceberg, S3Proxy and the AWS SDK speak at INFO about every file and commit. */
    static void quietLogs() {
        // Iceberg also warns that Hadoop's metrics classes are absent (not needed) and when a task that never
        // started is stopped.
        LabLogs.quiet(Map.of("org.apache.iceberg", Level.ERROR, "org.jclouds", Level.WARN, "org.gaul", Level.WARN,
                "software.amazon", Level.WARN, "org.eclipse.jetty", Level.WARN, "org.glassfish", Level.ERROR,
                "org.apache.kafka.connect", Level.WARN, "org.reflections", Level.ERROR,
                // A stopping worker's "Close timed out" and a joining one's "Catching up to assignment's config
                // offset" are expected here.
                "org.apache.kafka.connect.runtime.distributed", Level.ERROR));
    }

    static Result run(KafkaFixture kafka, S3Store store, PrintStream out) throws Exception {
        long started = System.nanoTime();
        // Iceberg's S3FileIO uses the AWS SDK v2, which since 2.30 sends a CRC checksum after every upload's body
        // (header x-amz-trailer). S3Proxy 2.6.0 answers that with 501 Not Implemented and the task fails: send
        // checksums only where S3 requires them (as for other S3-compatible stores that lack this).
        System.setProperty("aws.requestChecksumCalculation", "when_required");
        System.setProperty("aws.responseChecksumValidation", "when_required");

        String topic = kafka.createTopic("ad-events", PARTITIONS);
        String dlq = kafka.createTopic("ad-events-dlq", 1);
        String control = kafka.createTopic("iceberg-control", 1);
        String group = kafka.groupId("connect-cluster");
        // The store is new for every run, so the bucket needs no unique name.
        String bucket = "ad-archive";
        store.createBucket(bucket);
        // One in-memory database for the catalogs of this run (the connector's and the lab's); lower-case names, as
        // Iceberg's JDBC catalog looks its columns up in lower case.
        String catalogUri = "jdbc:h2:mem:" + kafka.groupId("catalog") + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        Map<String, String> catalogProps = IcebergArchive.catalogProps(catalogUri, bucket, store);

        GeneratedEvents events = AdEventGenerator.builder().seed(1505).impressions(IMPRESSIONS)
                .clickThroughRate(0.05).malformedRate(0.03).build().generate();
        List<GeneratedRecord> records = events.records();
        int unreadable = (int) records.stream().filter(r -> !isJson(r.value())).count();
        int expectedRows = records.size() - unreadable;
        out.printf("ad-events: %s (%d partitions); bucket s3://%s at %s%n", topic, PARTITIONS, bucket,
                store.endpoint());
        out.printf("Generated %d records: %d events, %d broken (%d not even JSON: the converter cannot read them)%n%n",
                records.size(), events.distinctEvents().size(), events.count(GeneratedRecord.Kind.MALFORMED),
                unreadable);

        Map<String, String> workerConfig = ConnectWorker.config(kafka.bootstrapServers(), group,
                kafka.defaultReplicationFactor());
        // Security settings of the cluster (e.g. MSK): for the worker itself and, with their prefixes, for the
        // consumers of sink tasks, the DLQ producer and the admin client that Connect makes.
        stringMap(kafka.cluster().clientProperties()).forEach((k, v) -> {
            workerConfig.put(k, v);
            for (String prefix : List.of("consumer.", "producer.", "admin.")) {
                workerConfig.put(prefix + k, v);
            }
        });
        Map<String, String> connector = connectorConfig(kafka, topic, dlq, control, catalogProps);
        // Three parts: the first before anything is committed, the second sent right before worker 1 is stopped (it
        // is being read and written when the worker goes), the third while no worker runs.
        List<GeneratedRecord> first = records.subList(0, records.size() / 3);
        List<GeneratedRecord> second = records.subList(records.size() / 3, 2 * records.size() / 3);
        List<GeneratedRecord> third = records.subList(2 * records.size() / 3, records.size());
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());

        long rowsBeforeRestart;
        // The lab's own view of the table (the same catalog database and bucket the connector writes to).
        try (IcebergArchive archive = IcebergArchive.open(CATALOG, catalogProps, TABLE, bucket)) {
            try (ConnectWorker worker = ConnectWorker.start(workerConfig)) {
                out.printf("Worker 1 of Connect cluster %s: REST %s%n", group, worker.restUrl());
                worker.putConnector(CONNECTOR, connector);
                worker.awaitRunning(CONNECTOR, WAIT);
                out.printf("Connector %s RUNNING (IcebergSinkConnector, 1 task) after %.1f s%n", CONNECTOR,
                        seconds(started));
                send(producer, topic, first);
                long committedBefore = awaitRows(worker, archive, 1);
                out.printf("Sent %d records; %d rows committed to %s after %.1f s%n", first.size(), committedBefore,
                        TABLE, seconds(started));
                send(producer, topic, second);
                rowsBeforeRestart = archive.committedRows();
                out.printf("Sent %d more and stopped worker 1 at once (mid-stream: %d rows committed then)%n",
                        second.size(), rowsBeforeRestart);
            }
            send(producer, topic, third);
            out.printf("Sent %d more records while no worker runs.%n", third.size());
            try (ConnectWorker worker = ConnectWorker.start(workerConfig)) {
                // No PUT this time: the new worker finds the connector in the config topic and the position in the
                // committed offsets of consumer group connect-<connector>.
                worker.awaitRunning(CONNECTOR, WAIT);
                out.printf("Worker 2 (same group.id, same internal topics): REST %s; GET /connectors -> %s, read from"
                        + " %s%n", worker.restUrl(), worker.get("/connectors"), workerConfig.get("config.storage.topic"));
                awaitRows(worker, archive, expectedRows);
                Map<Integer, Long> endOffsets = endOffsets(kafka, topic);
                // The sink commits the offset after the last record it was handed. A partition whose last records
                // went to the DLQ would stay behind its end offset until a readable record follows; with this seed
                // every partition ends with a readable event, so the offsets reach the end.
                Map<Integer, Long> committed = new TreeMap<>();
                Awaitility.await("offsets of " + CONNECTOR + " at the end of " + topic).atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                            committed.clear();
                            committed.putAll(sinkOffsets(worker.offsets(CONNECTOR)));
                            return committed.equals(endOffsets);
                        });
                out.printf("%nAll rows committed after %.1f s. GET /connectors/%s/offsets (group connect-%s):%n",
                        seconds(started), CONNECTOR, CONNECTOR);
                committed.forEach((p, o) -> out.printf("  partition %d: committed %d, end offset %d%n", p, o,
                        endOffsets.get(p)));
                return report(kafka, store, archive, bucket, dlq, records, unreadable, expectedRows, committed,
                        endOffsets, rowsBeforeRestart, out);
            }
        }
    }

    private static Result report(KafkaFixture kafka, S3Store store, IcebergArchive archive, String bucket, String dlq,
            List<GeneratedRecord> records, int unreadable, int expectedRows, Map<Integer, Long> committed,
            Map<Integer, Long> endOffsets, long rowsBeforeRestart, PrintStream out) throws IOException {
        // What is in the bucket, through the S3 API (ListObjects, GetObject), not through the table.
        List<String> objects = store.keys(bucket);
        List<String> dataFiles = objects.stream().filter(k -> k.contains("/data/") && k.endsWith(".avro")).toList();
        List<String> inTable = archive.dataFilesInTable();
        Map<String, Integer> perEvent = new HashMap<>();
        long rowsInTable = 0;
        for (String key : inTable) {
            for (GenericRecord row : IcebergArchive.readAvro(store.readBytes(bucket, key))) {
                rowsInTable++;
                Object id = row.get("eventId");
                perEvent.merge(id == null ? "row-" + rowsInTable : id.toString(), 1, Integer::sum);
            }
        }
        long rowsInAll = 0;
        for (String key : dataFiles) {
            rowsInAll += IcebergArchive.readAvro(store.readBytes(bucket, key)).size();
        }
        Set<String> generatedIds = records.stream().filter(r -> r.event() != null)
                .map(r -> r.event().eventId().toString()).collect(Collectors.toSet());
        long lost = generatedIds.stream().filter(id -> !perEvent.containsKey(id)).count();
        long duplicates = rowsInTable - expectedRows;
        out.printf("%nBucket s3://%s (ListObjects): %d objects, %d of them Avro data files; the table references %d%n",
                bucket, objects.size(), dataFiles.size(), inTable.size());
        objects.stream().limit(6).forEach(k -> out.println("  " + k));
        if (objects.size() > 6) {
            out.printf("  ... %d more%n", objects.size() - 6);
        }
        out.printf("Rows in the table's data files: %d, expected %d (generated %d less %d unreadable);"
                + " valid events lost: %d; rows beyond one per record: %d%n", rowsInTable, expectedRows,
                records.size(), unreadable, lost, duplicates);
        out.printf("Rows in every data file of the bucket: %d (%d in files no snapshot references)%n", rowsInAll,
                rowsInAll - rowsInTable);

        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readToEnd(dlq, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        Map<String, Integer> reasons = new TreeMap<>();
        Set<String> sources = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            sources.add(header(r, "__connect.errors.partition") + "@" + header(r, "__connect.errors.offset"));
            reasons.merge(header(r, "__connect.errors.stage") + " " + header(r, "__connect.errors.exception.class.name"),
                    1, Integer::sum);
        }
        out.printf("%nDLQ %s: %d records, %d distinct source records (partition@offset headers), %d injected that"
                + " are not JSON%n", dlq, dead.size(), sources.size(), unreadable);
        if (dead.size() > sources.size()) {
            out.printf("  %d written twice: worker 1 had sent them to the DLQ, but their offsets were not committed"
                    + " yet, so worker 2 read them again (the DLQ is at-least-once)%n", dead.size() - sources.size());
        }
        reasons.forEach((reason, n) -> out.printf("  %3d x %s%n", n, reason));
        if (!dead.isEmpty()) {
            ConsumerRecord<byte[], byte[]> r = dead.get(0);
            out.printf("  first: value=%s%n    __connect.errors.topic/partition/offset=%s/%s/%s%n"
                    + "    __connect.errors.exception.message=%s%n", new String(r.value(), StandardCharsets.UTF_8),
                    header(r, "__connect.errors.topic"), header(r, "__connect.errors.partition"),
                    header(r, "__connect.errors.offset"), header(r, "__connect.errors.exception.message"));
        }
        return new Result(records.size(), unreadable, expectedRows, rowsInTable, perEvent.size(), lost, duplicates,
                objects, dataFiles.size(), inTable.size(), rowsInAll, dead.size(), sources.size(), reasons, committed,
                endOffsets,
                rowsBeforeRestart);
    }

    static Map<String, String> connectorConfig(KafkaFixture kafka, String topic, String dlq, String control,
            Map<String, String> catalogProps) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("iceberg.catalog", CATALOG);
        config.put("iceberg.tables", TABLE);
        config.put("iceberg.tables.auto-create-enabled", "true");
        config.put("iceberg.tables.evolve-schema-enabled", "true");
        // Avro data files: readable with plain Avro; Parquet (the default) would need Hadoop's classes.
        config.put("iceberg.tables.auto-create-props.write.format.default", "avro");
        config.put("iceberg.control.topic", control);
        // How often files become visible in the table (default 5 minutes: fewer, bigger files in production).
        config.put("iceberg.control.commit.interval-ms", "500");
        // The connector's own clients (its control topic) need the brokers; Connect does not pass them on.
        stringMap(kafka.commonConfig()).forEach((k, v) -> {
            if (!k.equals("client.id")) {
                config.put("iceberg.kafka." + k, v);
            }
        });
        catalogProps.forEach((k, v) -> config.put("iceberg.catalog." + k, v));
        // Records the converter cannot read: skipped and sent to the DLQ with the reason in headers.
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    private static long awaitRows(ConnectWorker worker, IcebergArchive archive, long atLeast) {
        AtomicInteger seen = new AtomicInteger();
        Awaitility.await(atLeast + " rows committed to " + TABLE).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    worker.statusUnlessFailed(CONNECTOR);
                    seen.set((int) archive.committedRows());
                    return seen.get() >= atLeast;
                });
        return seen.get();
    }

    private static Map<Integer, Long> sinkOffsets(JsonNode offsets) {
        Map<Integer, Long> byPartition = new TreeMap<>();
        for (JsonNode entry : offsets.path("offsets")) {
            byPartition.put(entry.path("partition").path("kafka_partition").asInt(),
                    entry.path("offset").path("kafka_offset").asLong());
        }
        return byPartition;
    }

    private static Map<Integer, Long> endOffsets(KafkaFixture kafka, String topic) {
        Map<Integer, Long> ends = new TreeMap<>();
        Offsets.end(kafka.admin(), topic).forEach((partition, offset) -> ends.put(partition.partition(), offset));
        return ends;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, List<GeneratedRecord> records)
            throws Exception {
        for (GeneratedRecord r : records) {
            producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
        }
        producer.flush();
    }

    static boolean isJson(byte[] value) {
        try {
            JSON.readTree(value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> stringMap(Map<String, ?> map) {
        return map.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
