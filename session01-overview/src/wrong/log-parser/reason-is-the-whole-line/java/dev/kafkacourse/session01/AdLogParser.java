// Known-wrong answer: any bad value becomes "cannot parse line: <the whole line>", so the reason never says which field is at fault
package dev.kafkacourse.session01;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.EventType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

public final class AdLogParser {

    private static final List<String> REQUIRED =
            List.of("ts", "type", "event", "campaign", "ad", "user", "country", "device", "cost");

    private AdLogParser() {
    }

    public static AdEvent parse(String line) {
        if (line == null || line.isBlank()) {
            throw new MalformedLogLineException("empty line");
        }
        Map<String, String> f = new HashMap<>();
        for (String token : line.trim().split("\\s+")) {
            String[] kv = token.split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new MalformedLogLineException("not a key=value pair: '" + token + "'");
            }
            if (f.putIfAbsent(kv[0], kv[1]) != null) {
                throw new MalformedLogLineException("duplicate field '" + kv[0] + "'");
            }
        }
        for (String name : REQUIRED) {
            if (f.get(name) == null || f.get(name).isEmpty()) {
                throw new MalformedLogLineException("missing field '" + name + "'");
            }
        }
        try {
            EventType type = EventType.valueOf(f.get("type").toUpperCase(Locale.ROOT));
            if (type == EventType.CLICK && (f.get("impression") == null || f.get("impression").isEmpty())) {
                throw new MalformedLogLineException("missing field 'impression'");
            }
            UUID impression = type == EventType.CLICK ? UUID.fromString(f.get("impression")) : null;
            return new AdEvent(UUID.fromString(f.get("event")), type, impression, f.get("campaign"), f.get("ad"),
                    f.get("user"), Instant.parse(f.get("ts")).toEpochMilli(), f.get("country"), f.get("device"),
                    Long.parseLong(f.get("cost")));
        } catch (MalformedLogLineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedLogLineException("cannot parse line: " + line);
        }
    }
}
