package dev.kafkacourse.session19;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.EventType;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses an {@link AdEvent} with Jackson's streaming parser, one token after another, instead of data binding: the
 * stats stage parses every record once, and data binding through the record's constructor was the largest single
 * cost left in its stream thread (about a fifth of its CPU). Only the plain, complete shape is taken this way (the
 * ten fields, each once, of the expected JSON type, nothing after the object); anything else, valid or not, goes to
 * {@link AdEventJson#fromBytes}, so the accepted events, the refused ones and their error messages are exactly those
 * of the course's JSON format.
 */
public final class AdEventFastJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AdEventFastJson() {
    }

    /** The event in {@code bytes}; throws {@code SerializationException} as {@link AdEventJson#fromBytes} does. */
    public static AdEvent fromBytes(byte[] bytes) {
        AdEvent event = tryParse(bytes);
        return event != null ? event : AdEventJson.fromBytes(bytes);
    }

    /** The event, or null when the input is not the plain shape (the caller then asks the data-binding parser). */
    static AdEvent tryParse(byte[] bytes) {
        UUID eventId = null;
        EventType type = null;
        UUID impressionId = null;
        String campaignId = null;
        String adId = null;
        String userId = null;
        long timestamp = 0;
        String country = null;
        String device = null;
        long costMicros = 0;
        int seen = 0;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int bit;
                switch (name) {
                    case "eventId" -> {
                        bit = 1;
                        eventId = uuid(parser, value);
                        if (eventId == null) {
                            return null;
                        }
                    }
                    case "type" -> {
                        bit = 2;
                        type = value == JsonToken.VALUE_STRING ? eventType(parser.getString()) : null;
                        if (type == null) {
                            return null;
                        }
                    }
                    case "impressionId" -> {
                        bit = 4;
                        if (value != JsonToken.VALUE_NULL && (impressionId = uuid(parser, value)) == null) {
                            return null;
                        }
                    }
                    case "campaignId" -> {
                        bit = 8;
                        campaignId = string(parser, value);
                    }
                    case "adId" -> {
                        bit = 16;
                        adId = string(parser, value);
                    }
                    case "userId" -> {
                        bit = 32;
                        userId = string(parser, value);
                    }
                    case "timestamp" -> {
                        bit = 64;
                        if (!isLong(parser, value)) {
                            return null;
                        }
                        timestamp = parser.getLongValue();
                    }
                    case "country" -> {
                        bit = 128;
                        country = string(parser, value);
                    }
                    case "device" -> {
                        bit = 256;
                        device = string(parser, value);
                    }
                    case "costMicros" -> {
                        bit = 512;
                        if (!isLong(parser, value)) {
                            return null;
                        }
                        costMicros = parser.getLongValue();
                    }
                    default -> {
                        return null;   // an unknown field: the data-binding parser decides
                    }
                }
                if ((seen & bit) != 0 || (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING
                        && value != JsonToken.VALUE_NUMBER_INT)) {
                    return null;   // a field twice, or an object or array where a scalar belongs
                }
                if (value == JsonToken.VALUE_NULL && bit != 4 && bit != 8 && bit != 16 && bit != 32 && bit != 128
                        && bit != 256) {
                    return null;
                }
                if (value == JsonToken.VALUE_NUMBER_INT && bit != 64 && bit != 512) {
                    return null;   // a number where a string belongs: data binding may coerce it, let it
                }
                seen |= bit;
            }
            if (token != JsonToken.END_OBJECT || seen != 1023 || parser.nextToken() != null) {
                return null;
            }
            return new AdEvent(eventId, type, impressionId, campaignId, adId, userId, timestamp, country, device,
                    costMicros);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return null;   // malformed: the data-binding parser gives the reason
        }
    }

    private static String string(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    private static boolean isLong(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NUMBER_INT && (parser.getNumberType() == JsonParser.NumberType.INT
                || parser.getNumberType() == JsonParser.NumberType.LONG);
    }

    private static EventType eventType(String name) {
        for (EventType type : EventType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Only the canonical 8-4-4-4-12 hex form (UUID.fromString alone would also take shortened ones), decoded from
     * the parser's own characters: no String per id, and one pass that checks and decodes.
     */
    private static UUID uuid(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_STRING || parser.getStringLength() != 36) {
            return null;
        }
        char[] text = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        long mostSignificant = 0;
        long leastSignificant = 0;
        for (int i = 0; i < 36; i++) {
            char c = text[offset + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return null;
            }
            if (i < 18) {
                mostSignificant = mostSignificant << 4 | digit;   // 8-4-4: the first 16 hex digits
            } else {
                leastSignificant = leastSignificant << 4 | digit;
            }
        }
        return new UUID(mostSignificant, leastSignificant);
    }
}
