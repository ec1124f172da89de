package dev.kafkacourse.session16;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventJson;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a record value into an {@link AdEvent} or says, with a {@link FailureKind}, why it cannot be one. The three
 * kinds are checked in order, so a DLQ dashboard can tell a broken collector (malformed JSON), a producer on an
 * old schema (schema violation) and bad business data (unknown campaign, negative cost) apart.
 */
public final class AdEventValidator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Set<String> knownCampaigns;

    /** @param knownCampaigns the campaigns that exist (in the pipeline: the {@code campaigns} topic) */
    public AdEventValidator(Set<String> knownCampaigns) {
        this.knownCampaigns = Set.copyOf(knownCampaigns);
    }

    /**
     * The event in {@code value}.
     *
     * @throws InvalidEventException saying what is wrong; never worth retrying
     */
    public AdEvent validate(byte[] value) {
        if (value == null) {
            throw new InvalidEventException(FailureKind.SCHEMA_VIOLATION, "the value is null (a tombstone?)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new InvalidEventException(FailureKind.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException(FailureKind.SCHEMA_VIOLATION, "not a JSON object");
        }
        // Checked on the tree because AdEvent itself refuses a negative cost: the rule is the business's, so the
        // reason says so instead of a generic binding error.
        JsonNode cost = tree.get("costMicros");
        if (cost != null && cost.isNumber() && cost.asLong() < 0) {
            throw new InvalidEventException(FailureKind.BUSINESS_RULE, "negative cost: costMicros=" + cost.asLong());
        }
        AdEvent event;
        try {
            event = AdEventJson.fromBytes(value);
        } catch (SerializationException e) {
            throw new InvalidEventException(FailureKind.SCHEMA_VIOLATION, e.getMessage(), e);
        }
        if (!knownCampaigns.contains(event.campaignId())) {
            throw new InvalidEventException(FailureKind.BUSINESS_RULE, "unknown campaign " + event.campaignId());
        }
        return event;
    }
}
