package dev.kafkacourse.session19;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Streams keeps RocksDB stores and checkpoints in a state directory. Ours live under java.io.tmpdir, which the
 * build points at the module's {@code target/tmp}, and are deleted when the application closes.
 */
public final class StateDirs {

    private StateDirs() {
    }

    public static Path create(String name) {
        try {
            return Files.createTempDirectory("kafka-streams-" + name.replaceAll("[^A-Za-z0-9-]", "-") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a Streams state directory under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
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
