package dev.kafkacourse.session19;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;

/**
 * A set of eventIds as an aggregate value (with its serde), for counting distinct events per window: a window's
 * set holds only that window's ids, so it stays as small as the window.
 *
 * @param ids the eventIds, sorted
 */
public record EventIds(SortedSet<String> ids) {

    public static final Serde<EventIds> SERDE = JsonSerde.of(EventIds.class);
    public static final EventIds EMPTY = new EventIds(new TreeSet<>());

    public EventIds {
        ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    }

    /** This set with {@code id} added (this one is left as it is). */
    public EventIds plus(String id) {
        TreeSet<String> more = new TreeSet<>(ids);
        more.add(id);
        return new EventIds(more);
    }

    public int size() {
        return ids.size();
    }
}
