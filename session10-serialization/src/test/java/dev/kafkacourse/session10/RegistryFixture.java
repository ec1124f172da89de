package dev.kafkacourse.session10;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kafkacourse.session10.registry.RegistryUnavailableException;
import dev.kafkacourse.session10.registry.RegistryUrls;
import dev.kafkacourse.session10.registry.SharedRegistry;

/** The test JVM's one registry; where it cannot run (no Java 21+), the test is skipped with the reason. */
final class RegistryFixture {

    private RegistryFixture() {
    }

    static RegistryUrls registry() {
        try {
            return SharedRegistry.get();
        } catch (RegistryUnavailableException e) {
            assumeTrue(false, "Skipped, no schema registry here: " + e.getMessage());
            throw e;
        }
    }
}
