package dev.kafkacourse.session19;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Streams keeps RocksDB stores and checkpoints in a state directory. Ours live in the module's
 * {@code target/streams-state} when the classes run from a build (tests, {@code ./course lab}), otherwise under
 * java.io.tmpdir, and are deleted when the application closes. A killed JVM leaves them for {@code mvn clean}.
 */
public final class StateDirs {

    private StateDirs() {
    }

    public static Path create(String name) {
        try {
            Path base = baseDir();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name.replaceAll("[^A-Za-z0-9-]", "-") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a Streams state directory under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** {@code target/streams-state} next to {@code target/classes} this class was loaded from, else the temp dir. */
    static Path baseDir() {
        try {
            Path classes = Path.of(StateDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            if (Files.isDirectory(classes) && target != null && target.getFileName().toString().equals("target")) {
                return target.resolve("streams-state");
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // No usable code source: fall back to the temp directory.
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
