package dev.kafkacourse.session10;

import java.util.ArrayList;
import java.util.List;
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
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : v1.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));   // a Field belongs to one record: copy it
        }
        // The default is what a new reader fills in for old records; without one, BACKWARD refuses the change.
        fields.add(new Schema.Field(PLACEMENT, Schema.create(Schema.Type.STRING), "where the ad was shown",
                UNKNOWN_PLACEMENT));
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }
}
