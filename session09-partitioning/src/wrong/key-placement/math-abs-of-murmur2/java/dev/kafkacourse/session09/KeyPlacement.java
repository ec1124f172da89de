// Known-wrong answer: makes the hash positive with Math.abs instead of clearing the sign bit as Utils.toPositive does, so keys with a negative hash land elsewhere
package dev.kafkacourse.session09;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/** A learner's answer to exercise 3 with a classic mistake (see the first line). */
public final class KeyPlacement {

    private KeyPlacement() {
    }

    public static int partitionFor(String key, int partitions) {
        if (key == null) {
            throw new IllegalArgumentException("A null key has no fixed partition: the producer spreads such records"
                    + " with the sticky partitioner. Give the record a key (the campaignId).");
        }
        requirePartitions(partitions, "partitions");
        return Math.abs(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public static List<KeyMove> movedKeys(List<String> keys, int partitionsBefore, int partitionsAfter) {
        requirePartitions(partitionsBefore, "partitionsBefore");
        requirePartitions(partitionsAfter, "partitionsAfter");
        List<KeyMove> moves = new ArrayList<>();
        for (String key : keys) {
            int from = partitionFor(key, partitionsBefore);
            int to = partitionFor(key, partitionsAfter);
            if (from != to) {
                moves.add(new KeyMove(key, from, to));
            }
        }
        return moves;
    }

    private static void requirePartitions(int partitions, String name) {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + partitions);
        }
    }
}
