package dev.kafkacourse.session11;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One configuration the bench measures: a label, the producer settings that differ from Kafka's defaults, and the
 * payload. Written to and read from one line of text, so a bench JVM of its own can be told what to run.
 *
 * @param label what the row is called in the report ("linger=5 batch=16K lz4 acks=all")
 * @param overrides producer settings (config key to value); empty means Kafka's defaults
 * @param payload what is sent (see {@link Payload})
 */
public record BenchCell(String label, Map<String, String> overrides, Payload payload) {

    public BenchCell {
        overrides = Map.copyOf(overrides);
    }

    /** The same cell with one more setting. */
    public BenchCell with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.put(key, value);
        return new BenchCell(label, more, payload);
    }

    /** The value of {@code key}, or {@code fallback} when the cell keeps Kafka's default. */
    public String setting(String key, String fallback) {
        return overrides.getOrDefault(key, fallback);
    }

    String toLine() {
        String settings = overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return label + "\t" + payload.spec() + "\t" + settings;
    }

    static BenchCell fromLine(String line) {
        String[] parts = line.split("\t", -1);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!parts[2].isEmpty()) {
            for (String setting : parts[2].split(",")) {
                int eq = setting.indexOf('=');
                overrides.put(setting.substring(0, eq), setting.substring(eq + 1));
            }
        }
        return new BenchCell(parts[0], overrides, Payload.parse(parts[1]));
    }
}
