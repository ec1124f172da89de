package dev.kafkacourse.session07;

import dev.kafkacourse.support.domain.AdEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * A {@link MockProducer} that answers no send until it is flushed or told to ({@code completeNext}, {@code
 * errorNext}), and notes for every send how many earlier sends had been answered by then. What a real broker cannot
 * show: whether code sends its events one after the other without waiting for the answers in between.
 */
final class HeldAnswersProducer extends MockProducer<String, AdEvent> {

    private final AtomicInteger answered = new AtomicInteger();
    private final List<Integer> answeredBeforeEachSend = new ArrayList<>();

    HeldAnswersProducer() {
        super(false, null, new StringSerializer(), new AdEventSerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, AdEvent> record, Callback callback) {
        answeredBeforeEachSend.add(answered.get());
        return super.send(record, (metadata, exception) -> {
            answered.incrementAndGet();
            if (callback != null) {
                callback.onCompletion(metadata, exception);
            }
        });
    }

    /** For each call to send, in order: how many earlier sends had been answered when it was made. */
    synchronized List<Integer> answeredBeforeEachSend() {
        return List.copyOf(answeredBeforeEachSend);
    }

    /**
     * Runs {@code call} on a thread of its own. Whenever that thread sits waiting, the producer answers what it holds
     * (so a call that waits for answers still ends), and the first time it does so while fewer than
     * {@code sendsBeforeAnyWait} records were sent is returned in {@link Run#waitedAfterSends()}.
     */
    <T> Run<T> callAnswering(int sendsBeforeAnyWait, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "caller-under-test");
        caller.setDaemon(true);
        caller.start();
        AtomicInteger waitedAfter = new AtomicInteger(-1);
        Awaitility.await("the call under test to return").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    Thread.State state = caller.getState();
                    if (!result.isDone()
                            && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
                        int sent = history().size();
                        if (sent < sendsBeforeAnyWait) {
                            waitedAfter.compareAndSet(-1, sent);
                        }
                        if (!closed()) {
                            flush();
                        }
                    }
                    return result.isDone();
                });
        return new Run<>(result, waitedAfter.get());
    }

    /** What {@link #callAnswering} saw: the call's result (or exception) and when it first waited, or -1. */
    record Run<T>(CompletableFuture<T> result, int waitedAfterSends) {

        T get() {
            return result.join();
        }
    }
}
