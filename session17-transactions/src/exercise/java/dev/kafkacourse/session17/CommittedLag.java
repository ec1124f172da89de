package dev.kafkacourse.session17;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/** Exercise 2: the lag of a read_committed consumer group, and what open transactions hold back. */
public final class CommittedLag {

    private CommittedLag() {
    }

    /**
     * For every partition of {@code topic} (key: partition number), a {@link PartitionLag} with
     * <ul>
     *   <li>the group's committed offset, or where the group would start if it has not committed there yet
     *       (with auto.offset.reset=earliest);</li>
     *   <li>the end a read_committed consumer can read up to;</li>
     *   <li>the end of the log.</li>
     * </ul>
     * The downstream readers of an exactly-once job read with read_committed: their lag must not count records
     * they are not allowed to read yet.
     */
    public static Map<Integer, PartitionLag> of(Admin admin, String groupId, String topic)
            throws ExecutionException, InterruptedException {
        throw new UnsupportedOperationException("TODO: committed offset, read_committed end and log end of every "
                + "partition of " + topic + " for group " + groupId);
    }
}
