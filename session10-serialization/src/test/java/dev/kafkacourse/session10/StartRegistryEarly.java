package dev.kafkacourse.session10;

import dev.kafkacourse.session10.registry.SharedRegistry;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Declared before {@code @KafkaTest}: the registry starts in the background while the broker starts. */
final class StartRegistryEarly implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedRegistry.startInBackground();
    }
}
