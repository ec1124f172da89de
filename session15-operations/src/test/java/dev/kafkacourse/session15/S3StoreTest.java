package dev.kafkacourse.session15;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The object store the Kafka Connect lesson writes to: S3 API calls over HTTP against S3Proxy in this JVM. */
class S3StoreTest {

    @Test
    void objectsWrittenThroughTheS3ApiAreListedAndReadBack() {
        try (S3Store store = S3Store.start()) {
            assertThat(store.endpoint().getPort()).isPositive();
            store.createBucket("ad-archive");
            for (int i = 0; i < 3; i++) {
                store.write("ad-archive", "ad-events/0/" + i + ".json", "{\"n\":" + i + "}");
            }
            assertThat(store.keys("ad-archive"))
                    .containsExactly("ad-events/0/0.json", "ad-events/0/1.json", "ad-events/0/2.json");
            assertThat(store.read("ad-archive", "ad-events/0/2.json")).isEqualTo("{\"n\":2}");
        }
    }
}
