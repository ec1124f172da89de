package dev.kafkacourse.session10;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the serialization format for a stated requirement from measured figures (those of
 * {@code ./course lab 10 bench}): among the formats that meet every constraint, the smallest on the wire; on a tie,
 * the faster one; none when no format meets them all.
 */
public final class FormatChoice {

    public enum Format { JSON, AVRO, PROTOBUF }

    /** What the bench measured for one format: bytes per event and the serialize + deserialize time. */
    public record Measured(Format format, double bytesPerEvent, double roundTripMicros) {
    }

    /**
     * @param humanReadable        people must be able to read records on the topic as they are (console consumer)
     * @param registryAvailable    a schema registry is there to hand out writer schemas
     * @param maxBytesPerEvent     the budget per event on the wire (inclusive)
     * @param maxRoundTripMicros   the budget of serialize + deserialize time (inclusive)
     */
    public record Requirement(boolean humanReadable, boolean registryAvailable, double maxBytesPerEvent,
            double maxRoundTripMicros) {
    }

    private FormatChoice() {
    }

    public static Optional<Format> choose(Requirement requirement, List<Measured> measured) {
        return measured.stream()
                .filter(m -> !requirement.humanReadable() || m.format() == Format.JSON)
                // Avro carries no field tags: without the writer's schema (from a registry) nobody can read it.
                .filter(m -> requirement.registryAvailable() || m.format() != Format.AVRO)
                .filter(m -> m.bytesPerEvent() <= requirement.maxBytesPerEvent())
                .filter(m -> m.roundTripMicros() <= requirement.maxRoundTripMicros())
                .min(Comparator.comparingDouble(Measured::bytesPerEvent)
                        .thenComparingDouble(Measured::roundTripMicros))
                .map(Measured::format);
    }
}
