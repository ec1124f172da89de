package dev.kafkacourse.session12;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer, many workers: the poll thread hands each record to a lane ({@link KeyLanes}: one key, one lane, so
 * a key's records run in order) and keeps polling while the lanes work. It commits, per partition, only the
 * offset before which every record is done ({@link PartitionProgress}), so a crash never skips unfinished work.
 *
 * <ul>
 *   <li>Backpressure: a partition with {@code maxInFlight} records in flight is paused, so the poll thread keeps
 *       calling {@code poll} (well inside {@code max.poll.interval.ms}) without fetching more than the lanes can
 *       take.</li>
 *   <li>Rebalance: before a partition is revoked, its in-flight records are finished and committed, so its next
 *       owner starts exactly after them. A lost partition is only forgotten (another member may own it).</li>
 *   <li>{@link #crash()} stops the workers and closes the client without committing: what a killed process does
 *       to the group.</li>
 * </ul>
 *
 * <p>The consumer must have {@code enable.auto.commit=false}; it belongs to the poll thread only.
 */
public final class WorkerPoolConsumer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final long DRAIN_TIMEOUT_MS = 30_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RecordWork work;
    private final LaneChooser chooser;
    private final int maxInFlight;
    private final ExecutorService[] lanes;
    private final Thread pollThread;
    /** Guards {@link #progress}; workers complete records under it, the poll thread reads it. */
    private final Object lock = new Object();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rebalances = new AtomicInteger();
    private final AtomicInteger loops = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean crashed;

    /** Picks the lane (0 to lanes - 1) of a record from its key (may be null) and partition. */
    @FunctionalInterface
    public interface LaneChooser {
        int laneFor(String key, int partition, int lanes);
    }

    /** A pool whose lanes follow the record's key ({@link KeyLanes}). */
    public WorkerPoolConsumer(KafkaConsumer<String, byte[]> consumer, String topic, int lanes, int maxInFlight,
            RecordWork work) {
        this(consumer, topic, lanes, maxInFlight, KeyLanes::laneFor, work);
    }

    public WorkerPoolConsumer(KafkaConsumer<String, byte[]> consumer, String topic, int lanes, int maxInFlight,
            LaneChooser chooser, RecordWork work) {
        this.consumer = consumer;
        this.chooser = chooser;
        this.topic = topic;
        this.work = work;
        this.maxInFlight = maxInFlight;
        this.lanes = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            String name = "lane-" + i;
            this.lanes[i] = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, name));
        }
        this.pollThread = new Thread(this::pollLoop, "poll-" + topic);
    }

    public WorkerPoolConsumer start() {
        pollThread.start();
        return this;
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(topic), new DrainOnRevoke());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    dispatch(record);
                }
                applyBackpressure();
                commitCompleted();
                loops.incrementAndGet();
                Throwable failed = failure.get();
                if (failed != null) {
                    throw new IllegalStateException("A worker failed; stopping without committing its record",
                            failed);
                }
            }
            if (!crashed) {
                // A graceful stop: finish what was handed out and commit it (the revocation on close does that).
                consumer.close();
            }
        } catch (WakeupException e) {
            // crash(): fall through to the close below without any commit.
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            if (crashed) {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        synchronized (lock) {
            progress.computeIfAbsent(partition, p -> new PartitionProgress()).started(record.offset());
        }
        int lane = chooser.laneFor(record.key(), record.partition(), lanes.length);
        lanes[lane].execute(() -> {
            try {
                work.process(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // crash(): the record was not done and must not be marked done
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                return;
            }
            synchronized (lock) {
                PartitionProgress owner = progress.get(partition);
                if (owner != null) {
                    owner.completed(record.offset());
                }
            }
        });
    }

    private void applyBackpressure() {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        synchronized (lock) {
            for (TopicPartition partition : consumer.assignment()) {
                PartitionProgress p = progress.get(partition);
                int inFlight = p == null ? 0 : p.inFlight();
                if (inFlight >= maxInFlight) {
                    pause.add(partition);
                } else if (inFlight < maxInFlight / 2) {
                    resume.add(partition);
                }
            }
        }
        consumer.pause(pause);
        consumer.resume(resume);
    }

    /** Commits, per partition, the offset before which every record is done, when it moved. */
    private void commitCompleted() {
        commit(consumer.assignment());
    }

    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        synchronized (lock) {
            for (TopicPartition partition : partitions) {
                PartitionProgress p = progress.get(partition);
                OptionalLong next = p == null ? OptionalLong.empty() : p.committable();
                if (next.isPresent() && next.getAsLong() != lastCommitted.getOrDefault(partition, -1L)) {
                    offsets.put(partition, new OffsetAndMetadata(next.getAsLong()));
                }
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> lastCommitted.put(partition, offset.offset()));
            commits.incrementAndGet();
        }
    }

    /** Finishes and commits a partition's work before it moves; forgets lost partitions. */
    private final class DrainOnRevoke implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            rebalances.incrementAndGet();
            if (crashed) {
                return;
            }
            long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
            while (inFlight(partitions) > 0 && failure.get() == null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("In-flight records of " + partitions + " not done within "
                            + DRAIN_TIMEOUT_MS + " ms");
                }
                // The workers finish on their own threads; the poll thread waits here, inside the rebalance.
                synchronized (lock) {
                    try {
                        lock.wait(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            commit(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private int inFlight(Collection<TopicPartition> partitions) {
            synchronized (lock) {
                int sum = 0;
                for (TopicPartition partition : partitions) {
                    PartitionProgress p = progress.get(partition);
                    sum += p == null ? 0 : p.inFlight();
                }
                return sum;
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            synchronized (lock) {
                partitions.forEach(progress::remove);
                partitions.forEach(lastCommitted::remove);
            }
        }
    }

    /** Commits so far (each a commitSync of one or more partitions). */
    public int commits() {
        return commits.get();
    }

    /** Turns of the poll loop completed (each ends with a commit of whatever became committable). */
    public int loops() {
        return loops.get();
    }

    /** Revocations seen (each rebalance that took partitions from this member). */
    public int revocations() {
        return rebalances.get();
    }

    /** A worker's or the poll loop's failure, if any. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Dies like a killed process: workers interrupted mid-record, queued records dropped, the client closed without
     * a commit (the group sees the member leave; its uncommitted work goes to the next owner).
     */
    public void crash() {
        crashed = true;
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        awaitLanes();
        running = false;
        consumer.wakeup();
        join();
    }

    /** Stops gracefully: finishes the handed-out records, commits them and leaves the group. */
    @Override
    public void close() {
        running = false;
        join();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        awaitLanes();
    }

    private void join() {
        try {
            pollThread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLanes() {
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
