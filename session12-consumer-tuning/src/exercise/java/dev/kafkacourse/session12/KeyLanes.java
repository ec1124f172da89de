package dev.kafkacourse.session12;

/**
 * Exercise 2 (stretch): which worker lane runs a record, so records with the same key run one after another in
 * the order they were polled, while different keys run in parallel. Each lane is a single thread that runs its
 * records in the order it was given them.
 */
public final class KeyLanes {

    private KeyLanes() {
    }

    /**
     * The lane (0 to {@code lanes - 1}) for a record with {@code key} (may be null) from {@code partition}. The same
     * key must always get the same lane, for every key there is; a record without a key follows its partition.
     */
    public static int laneFor(String key, int partition, int lanes) {
        // TODO: pick a lane so that one key's records never run on two lanes.
        throw new UnsupportedOperationException("TODO session12 exercise 2: implement KeyLanes.laneFor");
    }
}
