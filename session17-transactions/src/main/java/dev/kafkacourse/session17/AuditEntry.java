package dev.kafkacourse.session17;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record on the audit topic per committed transaction of the exactly-once job: what the transaction read and
 * wrote. It is written in the same transaction as the stats, so the audit trail and {@code ad-stats-1m} can never
 * disagree: either both show a batch or neither does.
 *
 * @param transactionalId the job instance
 * @param transaction     the transaction's number within this run of the instance (from 1)
 * @param records         input records read
 * @param events          valid events counted
 * @param malformed       records that were not valid events (sent to the dead-letter topic)
 * @param windows         stats records written
 * @param offsets         per input partition ("topic-p"), the first offset read and the next offset to read
 */
public record AuditEntry(String transactionalId, int transaction, int records, int events, int malformed,
        int windows, Map<String, long[]> offsets) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static AuditEntry fromJson(String json) {
        return JSON.readValue(json, AuditEntry.class);
    }
}
