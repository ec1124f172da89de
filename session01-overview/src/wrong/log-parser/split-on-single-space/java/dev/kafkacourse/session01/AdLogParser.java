// Known-wrong answer: splits on one space, so a line with two spaces between fields (or around it) is rejected
package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;


public final class AdLogParser {

    private AdLogParser() {
    }

    public static AdEvent parse(String line) {
        if (line == null || line.isBlank()) {
            throw new MalformedLogLineException("empty line");
        }
        Map<String, String> fields = new HashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new MalformedLogLineException("not a key=value pair: '" + token + "'");
            }
            if (fields.put(token.substring(0, eq), token.substring(eq + 1)) != null) {
                throw new MalformedLogLineException("duplicate field '" + token.substring(0, eq) + "'");
            }
        }
        EventType type = type(required(fields, "type"));
        UUID impressionId = type == EventType.CLICK ? uuid(fields, "impression") : null;
        return new AdEvent(uuid(fields, "event"), type, impressionId, required(fields, "campaign"),
                required(fields, "ad"), required(fields, "user"), timestamp(required(fields, "ts")),
                required(fields, "country"), required(fields, "device"), cost(required(fields, "cost")));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new MalformedLogLineException("missing field '" + name + "'");
        }
        return value;
    }

    private static EventType type(String value) {
        try {
            return EventType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedLogLineException("unknown type '" + value + "'");
        }
    }

    private static UUID uuid(Map<String, String> fields, String name) {
        String value = required(fields, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedLogLineException("bad " + name + " id '" + value + "'");
        }
    }

    private static long timestamp(String value) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new MalformedLogLineException("bad timestamp '" + value + "'");
        }
    }

    private static long cost(String value) {
        try {
            long cost = Long.parseLong(value);
            if (cost >= 0) {
                return cost;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedLogLineException("bad cost '" + value + "': must be a whole, non-negative number of micros");
    }
}
