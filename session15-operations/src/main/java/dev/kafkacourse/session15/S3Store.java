package dev.kafkacourse.session15;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * An S3-compatible object store in this JVM: S3Proxy answering the S3 REST API on 127.0.0.1 (a free port), storing
 * objects as files in a temporary folder. What an S3 sink connector writes to it, any S3 client can list and read
 * back, as from Amazon S3 with {@code endpoint} as the endpoint override, path-style addressing and any keys
 * (authorization is off).
 */
public final class S3Store implements AutoCloseable {

    /** Any access key and secret key are accepted (authorization is off); clients still need some. */
    public static final String ACCESS_KEY = "course-access-key";
    public static final String SECRET_KEY = "course-secret-key";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStoreContext backend;
    private final BlobStoreContext client;
    private final Path directory;
    private final URI endpoint;

    private S3Store(S3Proxy proxy, BlobStoreContext backend, Path directory) {
        this.proxy = proxy;
        this.backend = backend;
        this.directory = directory;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Properties overrides = new Properties();
        // Path-style requests (http://host:port/bucket/key): 127.0.0.1 has no per-bucket host names.
        overrides.setProperty("jclouds.s3.virtual-host-buckets", "false");
        this.client = ContextBuilder.newBuilder("s3").endpoint(endpoint.toString()).credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides).buildView(BlobStoreContext.class);
    }

    /** Starts S3Proxy with a filesystem backend in a new temporary folder, on a free port of 127.0.0.1. */
    public static S3Store start() {
        try {
            Path directory = Files.createTempDirectory("s3store-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            BlobStoreContext backend = ContextBuilder.newBuilder("filesystem").overrides(properties)
                    .buildView(BlobStoreContext.class);
            Properties proxyProperties = new Properties();
            proxyProperties.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
            proxyProperties.setProperty("s3proxy.authorization", "none");
            S3Proxy proxy = S3Proxy.Builder.fromProperties(proxyProperties).blobStore(backend.getBlobStore()).build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.onSpinWait();
            }
            return new S3Store(proxy, backend, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start S3Proxy", e);
        }
    }

    /** The S3 endpoint, e.g. {@code http://127.0.0.1:41234} (an S3 client's endpoint override). */
    public URI endpoint() {
        return endpoint;
    }

    /** A jclouds S3 client of this store, speaking the S3 REST API over HTTP like any other S3 client. */
    public BlobStore s3() {
        return client.getBlobStore();
    }

    public void createBucket(String bucket) {
        s3().createContainerInLocation(null, bucket);
    }

    /** The keys of every object in {@code bucket}, sorted (an S3 ListObjects over all pages). */
    public List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            var page = s3().list(bucket, options);
            for (StorageMetadata object : page) {
                // The filesystem backend also lists its folders, as empty "ad-events/" objects: not written by
                // anyone, so left out.
                if (object.getType() == StorageType.BLOB && !object.getName().endsWith("/")) {
                    keys.add(object.getName());
                }
            }
            marker = page.getNextMarker();
        } while (marker != null);
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /** The content of one object as text (an S3 GetObject). */
    public String read(String bucket, String key) {
        return new String(readBytes(bucket, key), StandardCharsets.UTF_8);
    }

    /** The content of one object (an S3 GetObject). */
    public byte[] readBytes(String bucket, String key) {
        Blob blob = s3().getBlob(bucket, key);
        if (blob == null) {
            throw new IllegalArgumentException("No object " + key + " in bucket " + bucket);
        }
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one object (an S3 PutObject). */
    public void write(String bucket, String key, String content) {
        s3().putBlob(bucket, s3().blobBuilder(key).payload(content.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Override
    public void close() {
        try {
            client.close();
            proxy.stop();
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop S3Proxy", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
