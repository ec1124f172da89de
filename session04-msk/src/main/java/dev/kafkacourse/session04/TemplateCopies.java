package dev.kafkacourse.session04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes edited copies of the course's templates, one per edit set, for the checks to judge: the broken copies
 * ({@link BrokenCopies}) and the scaling changes ({@link ScalingChanges}) are made the same way.
 */
final class TemplateCopies {

    /** A named set of text edits; {@link #apply} throws when an edit no longer applies to the template. */
    interface EditSet {
        String name();

        /** {@code text} of the template file {@code file} after this set's edits to it. */
        String apply(String file, String text);
    }

    private TemplateCopies() {
    }

    /** The CloudFormation template after each set, one file per set in {@code dir}: {@code <prefix><name>.yaml}. */
    static Map<String, Path> cloudFormation(Path template, Path dir, String prefix, List<? extends EditSet> sets) {
        Map<String, Path> copies = new LinkedHashMap<>();
        for (EditSet set : sets) {
            Path copy = dir.resolve(prefix + set.name() + ".yaml");
            write(copy, set.apply(template.getFileName().toString(), read(template)));
            copies.put(set.name(), copy);
        }
        return copies;
    }

    /** The Terraform module after each set, one module folder per set in {@code dir}: {@code <prefix><name>}. */
    static Map<String, Path> terraform(Path module, Path dir, String prefix, List<? extends EditSet> sets) {
        Map<String, Path> copies = new LinkedHashMap<>();
        for (EditSet set : sets) {
            Path copy = dir.resolve(prefix + set.name());
            try (Stream<Path> files = Files.list(module)) {
                Files.createDirectories(copy);
                for (Path file : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
                    String name = file.getFileName().toString();
                    write(copy.resolve(name), set.apply(name, read(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copies.put(set.name(), copy);
        }
        return copies;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
