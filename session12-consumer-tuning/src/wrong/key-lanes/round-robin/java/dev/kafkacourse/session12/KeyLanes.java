// Known-wrong answer: deals records to the lanes in turn to spread the load, so two records of one key run at once and finish out of order
package dev.kafkacourse.session12;

/**
 * Exercise 2 (stretch): which worker lane runs a record, so records with the same key run one after another in
 * the order they were polled, while different keys run in parallel.
 */
public final class KeyLanes {

    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    private KeyLanes() {
    }

    /**
     * The lane (0 to {@code lanes - 1}) for a record with {@code key} from {@code partition}. The same key always
     * gets the same lane; a record without a key follows its partition, whose order is all it has.
     */
    public static int laneFor(String key, int partition, int lanes) {
        return Math.floorMod(NEXT.getAndIncrement(), lanes);
    }
}
