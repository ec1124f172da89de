package dev.kafkacourse.session18;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short names for a lab's printout. Labs use unique topic, group and id names (another lab or test may share the
 * broker), which are long; the output shows the production name and lists the real ones once.
 */
final class DisplayNames {

    private final Map<String, String> aliases = new LinkedHashMap<>();

    DisplayNames alias(String real, String shown) {
        aliases.put(real, shown);
        return this;
    }

    /** {@code text} with every real name replaced by its short one (longer names first: a DLQ contains its topic). */
    String show(String text) {
        String shown = text;
        for (Map.Entry<String, String> alias : aliases.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList()) {
            shown = shown.replace(alias.getKey(), alias.getValue());
        }
        return shown;
    }

    String legend() {
        StringBuilder legend = new StringBuilder("names in this run:");
        aliases.forEach((real, shown) -> legend.append(System.lineSeparator()).append("  ").append(shown)
                .append(" = ").append(real));
        return legend.append(System.lineSeparator()).toString();
    }
}
