package dev.kafkacourse.session15;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The Iceberg table the S3 sink archives into, as the lab reads it: the catalog (the table list in an in-memory H2
 * database, the files in the bucket through S3FileIO), the rows the connector has committed, and which data files
 * the table's current snapshot references (a file written but never committed is in the bucket, not in the table).
 */
final class IcebergArchive implements AutoCloseable {

    private final Catalog catalog;
    private final TableIdentifier table;
    private final String bucket;

    private IcebergArchive(Catalog catalog, TableIdentifier table, String bucket) {
        this.catalog = catalog;
        this.table = table;
        this.bucket = bucket;
    }

    /** Iceberg catalog settings, the same for the connector ({@code iceberg.catalog.*}) and for the lab. */
    static Map<String, String> catalogProps(String jdbcUri, String bucket, S3Store store) {
        Map<String, String> props = new HashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        props.put("uri", jdbcUri);
        props.put("jdbc.schema-version", "V1");
        props.put("warehouse", "s3://" + bucket + "/warehouse");
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("s3.endpoint", store.endpoint().toString());
        props.put("s3.path-style-access", "true");
        props.put("s3.access-key-id", S3Store.ACCESS_KEY);
        props.put("s3.secret-access-key", S3Store.SECRET_KEY);
        props.put("client.region", S3Store.REGION);
        props.put("http-client.type", "urlconnection");
        return props;
    }

    /**
     * The lab's own view of {@code table}. A JDBC catalog keeps the tables of each catalog name apart, so
     * {@code catalogName} must be the connector's {@code iceberg.catalog}.
     */
    static IcebergArchive open(String catalogName, Map<String, String> catalogProps, String table, String bucket) {
        return new IcebergArchive(CatalogUtil.buildIcebergCatalog(catalogName, catalogProps, null),
                TableIdentifier.parse(table), bucket);
    }

    /** Rows in the table's current snapshot (from the snapshot summary, as committed by the connector). */
    long committedRows() {
        if (!catalog.tableExists(table)) {
            return 0;
        }
        Table loaded = catalog.loadTable(table);
        if (loaded.currentSnapshot() == null) {
            return 0;
        }
        return Long.parseLong(loaded.currentSnapshot().summary().getOrDefault("total-records", "0"));
    }

    /** Object keys (in the bucket) of the data files the current snapshot references. */
    List<String> dataFilesInTable() throws IOException {
        List<String> keys = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = catalog.loadTable(table).newScan().planFiles()) {
            tasks.forEach(t -> keys.add(t.file().location().substring(("s3://" + bucket + "/").length())));
        }
        return keys;
    }

    /** The rows of one Avro data file. */
    static List<GenericRecord> readAvro(byte[] file) {
        List<GenericRecord> rows = new ArrayList<>();
        try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(file),
                new GenericDatumReader<>())) {
            in.forEach(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
