package dev.kafkacourse.session13;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-side expected tables: the latest value per key, tombstoned keys removed. */
final class CampaignTables {

    private CampaignTables() {
    }

    static Map<String, Campaign> of(List<CampaignEdits.Edit> edits) {
        Map<String, Campaign> table = new LinkedHashMap<>();
        edits.forEach(edit -> apply(table, edit.key(), edit.campaign()));
        return table;
    }

    static Map<String, Campaign> ofLog(List<CompactionLab.LogEntry> log) {
        Map<String, Campaign> table = new LinkedHashMap<>();
        log.forEach(entry -> apply(table, entry.key(), entry.value()));
        return table;
    }

    private static void apply(Map<String, Campaign> table, String key, Campaign value) {
        if (value == null) {
            table.remove(key);
        } else {
            table.put(key, value);
        }
    }
}
