package dev.kafkacourse.session10.registry;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One registry per JVM, started on first use and stopped when the JVM exits (however it exits: see
 * {@link ApicurioRegistry#startTied}). Tests and labs share it; each uses subjects of its own.
 *
 * <p>The handle lives in the JVM's system properties, not in a static field: {@code ./course verify-exercises}
 * loads the test classes once per variant in a fresh class loader, and all of them must find the one registry.
 * Only JDK types go there ({@link CompletableFuture}, {@link ProcessHandle}), which every class loader shares.
 */
public final class SharedRegistry {

    private static final String STARTED = "course.registry.shared.port";
    private static final String SERVER = "course.registry.shared.server";

    private SharedRegistry() {
    }

    /** Starts the JVM's registry in the background, if nobody has yet, so it comes up while the broker does. */
    public static void startInBackground() {
        started();
    }

    /**
     * The JVM's registry, waiting for it to answer (5–15 s once, longer on a busy machine).
     *
     * @throws RegistryUnavailableException when it cannot run here (no Java 21+, not unpacked), saying why
     */
    public static RegistryUrls get() {
        try {
            return new RegistryUrls(started().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RegistryUnavailableException unavailable) {
                throw unavailable;
            }
            throw new RegistryUnavailableException("The registry did not start: " + e.getCause(), e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Integer> started() {
        java.util.Properties properties = System.getProperties();
        Object server = properties.get(SERVER);
        if (server instanceof ProcessHandle handle && !handle.isAlive()) {
            // It died (killed by hand?): start a new one.
            properties.remove(SERVER);
            properties.remove(STARTED);
        }
        CompletableFuture<Integer> fresh = new CompletableFuture<>();
        Object existing = properties.putIfAbsent(STARTED, fresh);
        if (existing != null) {
            return (CompletableFuture<Integer>) existing;
        }
        Thread starter = new Thread(() -> {
            try {
                Path log = Path.of(System.getProperty("java.io.tmpdir"), "apicurio-registry-"
                        + ProcessHandle.current().pid() + ".log");
                ApicurioRegistry registry = ApicurioRegistry.startTied(log);
                // Kept reachable for the JVM's life: the launcher's stdin pipe is the registry's lifeline.
                properties.put(SERVER, registry.server());
                properties.put(SERVER + ".registry", registry);
                Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "registry-stop"));
                fresh.complete(registry.port());
            } catch (Throwable e) {
                fresh.completeExceptionally(e);
            }
        }, "registry-start");
        starter.setDaemon(true);
        starter.start();
        return fresh;
    }
}
