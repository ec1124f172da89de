package dev.kafkacourse.session10.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where Apicurio Registry's server lives on this machine and which Java can run it. The build unpacks the
 * distribution ({@code io.apicurio:apicurio-registry-app}, a tar.gz on Maven Central) into
 * {@code .course/apicurio-registry/VERSION}; the server needs Java 21 or newer, the course itself only 17.
 */
public record RegistryDistribution(Path home, Path java) {

    public static final String VERSION = "3.3.3";
    static final int MIN_JAVA = 21;
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    public Path runJar() {
        return home.resolve("quarkus-run.jar");
    }

    /**
     * Finds the unpacked server ({@code -Dapicurio.home}, {@code APICURIO_HOME}, or {@code .course/apicurio-registry}
     * in this folder or a parent) and a Java 21+ ({@code REGISTRY_JAVA_HOME}, this JVM, or the usual JDK folders).
     *
     * @throws RegistryUnavailableException naming what is missing and the fix
     */
    public static RegistryDistribution locate() {
        Path home = findHome().orElseThrow(() -> new RegistryUnavailableException("Apicurio Registry " + VERSION
                + " is not unpacked yet. Build session 10 once (it unpacks the server into .course/apicurio-registry): "
                + "./mvnw -q -pl session10-serialization -am compile"));
        Path java = findJava().orElseThrow(() -> new RegistryUnavailableException("Apicurio Registry " + VERSION
                + " needs Java " + MIN_JAVA + " or newer to run (the course itself needs only 17), and none was found. "
                + "Install a JDK 21+ (e.g. Temurin 21) and point REGISTRY_JAVA_HOME at it."));
        return new RegistryDistribution(home, java);
    }

    private static Optional<Path> findHome() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("apicurio.home")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("APICURIO_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(".course/apicurio-registry").resolve(VERSION));
        }
        return candidates.stream().filter(dir -> Files.isRegularFile(dir.resolve("quarkus-run.jar"))).findFirst();
    }

    private static Optional<Path> findJava() {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("REGISTRY_JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(homes::add);
        homes.add(Path.of(System.getProperty("java.home")));
        for (String parent : List.of("/usr/lib/jvm", "/Library/Java/JavaVirtualMachines",
                System.getProperty("user.home") + "/.sdkman/candidates/java", "/opt/java")) {
            try (Stream<Path> dirs = Files.list(Path.of(parent))) {
                dirs.sorted().forEach(dir -> {
                    homes.add(dir);
                    homes.add(dir.resolve("Contents/Home"));
                });
            } catch (IOException e) {
                // no such folder on this OS
            }
        }
        return homes.stream().filter(home -> majorVersion(home) >= MIN_JAVA)
                .map(home -> home.resolve("bin").resolve("java")).filter(Files::isExecutable).findFirst();
    }

    /** The major version a JDK's {@code release} file states, 0 when there is none. */
    static int majorVersion(Path javaHome) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
