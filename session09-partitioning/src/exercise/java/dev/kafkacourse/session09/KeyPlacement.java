package dev.kafkacourse.session09;

import java.util.List;

/**
 * Exercise 3: with a key, the producer's default partitioner picks the partition from a hash of the key's bytes.
 * Knowing how lets you say where a campaign's events are, and which campaigns move, and so lose their order and
 * their consumer's state, when a topic gets more partitions.
 */
public final class KeyPlacement {

    private KeyPlacement() {
    }

    /**
     * The partition the default partitioner picks for a String key (serialized with {@code StringSerializer},
     * i.e. UTF-8) on a topic with {@code partitions} partitions: exactly the one a real producer would choose.
     *
     * @throws IllegalArgumentException for a null key (it has no fixed partition; say so) or fewer than 1 partition
     */
    public static int partitionFor(String key, int partitions) {
        // TODO: hash the key's bytes the way the producer does (./course hint 09 key-placement).
        throw new UnsupportedOperationException("TODO session09 exercise 3: implement KeyPlacement.partitionFor");
    }

    /**
     * The keys whose partition differs between {@code partitionsBefore} and {@code partitionsAfter} partitions, in
     * the order of {@code keys}, each with its partition before and after. Keys that stay put are left out.
     *
     * @throws IllegalArgumentException if either partition count is below 1
     */
    public static List<KeyMove> movedKeys(List<String> keys, int partitionsBefore, int partitionsAfter) {
        // TODO: compare each key's partition before and after.
        throw new UnsupportedOperationException("TODO session09 exercise 3: implement KeyPlacement.movedKeys");
    }
}
