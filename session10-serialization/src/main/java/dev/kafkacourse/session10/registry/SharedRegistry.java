package dev.kafkacourse.session10.registry;

import java.nio.file.Path;

/**
 * One registry per JVM, started on first use and stopped when the JVM exits (however it exits: see
 * {@link ApicurioRegistry#startTied}). Tests and labs share it; each uses subjects of its own.
 *
 * <p>The handle lives in the JVM's system properties, not in a static field: {@code ./course verify-exercises}
 * loads the test classes once per variant in a fresh class loader, and all of them must find the one registry.
 */
public final class SharedRegistry {

    private static final String PORT = "course.registry.shared.port";
    private static final String HANDLE = "course.registry.shared.handle";

    private SharedRegistry() {
    }

    /** The JVM's registry, started now if it is not running yet (5–15 s once). */
    public static RegistryUrls get() {
        synchronized (System.getProperties()) {
            Object handle = System.getProperties().get(HANDLE);
            String port = System.getProperty(PORT);
            if (handle instanceof ProcessHandle server && server.isAlive() && port != null) {
                return new RegistryUrls(Integer.parseInt(port));
            }
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "apicurio-registry-" + ProcessHandle.current().pid()
                    + ".log");
            ApicurioRegistry registry = ApicurioRegistry.startTied(log);
            // Kept reachable for the JVM's life: the launcher's stdin pipe is the registry's lifeline.
            System.getProperties().put(HANDLE, registry.server());
            System.getProperties().put(HANDLE + ".registry", registry);
            System.setProperty(PORT, String.valueOf(registry.port()));
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "registry-stop"));
            return new RegistryUrls(registry.port());
        }
    }
}
