package dev.kafkacourse.session19;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * A running Kafka Streams application: starts a topology, waits until it is RUNNING, answers interactive queries
 * and, on close, stops it and deletes its local state. A failure inside Streams is kept and rethrown to the caller
 * instead of dying on a thread nobody watches.
 */
public final class StreamsApp implements AutoCloseable {

    private final KafkaStreams streams;
    private final Path stateDir;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch running = new CountDownLatch(1);

    private StreamsApp(Topology topology, Properties props, Path stateDir) {
        this.stateDir = stateDir;
        this.streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    /** Starts {@code topology} with {@code props} (whose state.dir is {@code stateDir}) and waits until it runs. */
    public static StreamsApp start(Topology topology, Properties props, Path stateDir, Duration timeout) {
        StreamsApp app = new StreamsApp(topology, props, stateDir);
        app.streams.start();
        try {
            if (!app.running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                app.close();
                throw new IllegalStateException("Streams application " + props.get("application.id")
                        + " was not RUNNING after " + timeout + " (state " + app.streams.state() + ")", app.failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.close();
            throw new IllegalStateException("Interrupted while starting Streams", e);
        }
        return app;
    }

    /** A read-only view of a state store of this instance, e.g. {@code QueryableStoreTypes.windowStore()}. */
    public <T> T store(String name, QueryableStoreType<T> type) {
        throwIfFailed();
        return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void throwIfFailed() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("The Streams application failed: " + e, e);
        }
    }

    @Override
    public void close() {
        // Leave the group: without static membership a restarted instance joins as a new member anyway, so staying
        // would only make the others (or the next instance) wait session.timeout.ms for this one's tasks.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        StateDirs.delete(stateDir);   // all of it: KafkaStreams.cleanUp() leaves the application's own folder behind
    }
}
