package dev.kafkacourse.session10;

import org.apache.avro.Schema;

/**
 * Version 2 of the ad event's Avro schema: every field of version 1 as it was, plus {@code placement} (where the ad
 * was shown: feed, search, banner ...). It must be registrable under BACKWARD and FULL compatibility, so that a
 * consumer on version 2 reads old records (their placement reads as {@value #UNKNOWN_PLACEMENT}) and a consumer
 * still on version 1 reads new ones.
 */
public final class AdEventEvolution {

    public static final String PLACEMENT = "placement";
    public static final String UNKNOWN_PLACEMENT = "unknown";

    private AdEventEvolution() {
    }

    /** {@code v1} with the {@value #PLACEMENT} field added. */
    public static Schema withPlacement(Schema v1) {
        throw new UnsupportedOperationException("TODO: v1's fields unchanged plus a placement field old records can be read with");
    }
}
