package dev.kafkacourse.session18;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs independent slow calls side by side: logins and probes mostly wait on network round trips, so four
 * principals take as long as the slowest one instead of the sum.
 */
final class Parallel {

    private Parallel() {
    }

    /** {@code call} applied to every item at once; results in the items' order. */
    static <T, R> Map<T, R> each(List<T> items, Function<T, R> call) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "session18-parallel");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<T, CompletableFuture<R>> futures = new LinkedHashMap<>();
            for (T item : items) {
                futures.put(item, CompletableFuture.supplyAsync(() -> call.apply(item), executor));
            }
            Map<T, R> results = new LinkedHashMap<>();
            futures.forEach((item, future) -> results.put(item, future.join()));
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
