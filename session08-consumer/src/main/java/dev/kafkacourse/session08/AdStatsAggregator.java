package dev.kafkacourse.session08;

import dev.kafkacourse.support.domain.CampaignStats;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer-group member that counts impressions, clicks and spend per campaign from {@code ad-events}, and
 * commits offsets only after the counts are updated.
 *
 * <p>It is built on the session's two exercises. Each turn is {@link StatsPollLoop#pollOnce} (exercise 1): poll,
 * count the valid events into the {@link CampaignTotals} in one step, skip records that are not events, and commit.
 * The aggregator gives the loop a consumer whose commits only mark the offsets as done
 * ({@link DoneOffsetsConsumer}), and sends the done offsets to the broker after every poll (the default) or every
 * {@link Builder#commitInterval}. Partitions that move away in a rebalance go through
 * {@link CommitOnRevokeListener} (exercise 2), which commits their done work, so the member that takes a partition
 * over starts exactly after the last event counted here. {@code ./course lab} builds the reference answers; with
 * {@code -Dcourse.track=exercise} the labs run on yours.
 *
 * <p>Several aggregators in one group each count their share of the partitions; {@link CampaignTotals#merge} adds
 * their snapshots up to the group's totals. Since the key is the campaign id, a campaign's events all land in one
 * partition, so while the assignment is stable one member holds a campaign's whole count.
 *
 * <p>Threading: like the {@link KafkaConsumer} inside it, the poll side ({@link #pollOnce}, {@link #run}) belongs
 * to one thread. Use {@link #start()} to run it on a thread of its own; the read side ({@link #snapshot()},
 * {@link #assignment()}, counters) and {@link #close()} may be called from any thread.
 */
public final class AdStatsAggregator implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<String, byte[]> loopConsumer;
    private final String name;
    private final Duration commitInterval;
    private final boolean commitOnRevoke;
    private final Duration pollTimeout;
    private final ConsumerRebalanceListener observer;

    private final CampaignTotals totals = new CampaignTotals();
    private final PendingOffsets pending = new PendingOffsets();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong commitFailures = new AtomicLong();
    private final AtomicLong rebalances = new AtomicLong();

    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long lastCommitNanos = System.nanoTime();
    private Thread thread;
    private boolean closed;

    private AdStatsAggregator(Builder builder) {
        this.name = String.valueOf(builder.config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "ad-stats"));
        this.commitInterval = builder.commitInterval;
        this.commitOnRevoke = builder.commitOnRevoke;
        this.pollTimeout = builder.pollTimeout;
        this.observer = builder.observer;
        this.consumer = new KafkaConsumer<>(builder.config, new StringDeserializer(), new ByteArrayDeserializer());
        this.loopConsumer = DoneOffsetsConsumer.around(consumer, pending);
        this.consumer.subscribe(builder.topics, new Handover(new CommitOnRevokeListener(consumer, pending)));
    }

    /**
     * An aggregator reading {@code topics} with {@code consumerConfig} (bootstrap servers, security, {@code group.id}).
     * The aggregator sets its own deserializers and {@code enable.auto.commit=false}.
     */
    public static Builder builder(Map<String, Object> consumerConfig, String... topics) {
        return new Builder(consumerConfig, List.of(topics));
    }

    /**
     * One turn of the loop ({@link StatsPollLoop#pollOnce}): poll, count the events into the totals, mark their
     * offsets done, and commit if a commit is due. Returns the number of records polled (valid or not). Poll
     * thread only.
     */
    public int pollOnce(Duration timeout) {
        PollOutcome outcome = StatsPollLoop.pollOnce(loopConsumer, totals, timeout);
        events.addAndGet(outcome.events());
        skipped.addAndGet(outcome.skipped());
        positions = knownPositions();
        if (!pending.isEmpty() && commitDue()) {
            commitPending();
        }
        return outcome.events() + outcome.skipped();
    }

    /** Polls until {@link #close()} (or {@link #stop()}) is called; then commits what is done and closes. */
    public void run() {
        synchronized (this) {
            if (thread == null) {
                thread = Thread.currentThread();
            }
        }
        try {
            while (!stopping) {
                pollOnce(pollTimeout);
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
                throw e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            shutdown();
        }
    }

    /** Runs {@link #run()} on a daemon thread of its own; {@link #close()} stops it. Returns this aggregator. */
    public synchronized AdStatsAggregator start() {
        if (thread != null) {
            throw new IllegalStateException("Aggregator " + name + " is already running");
        }
        thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException | Error e) {
                // Kept in failure() for whoever watches this member.
            }
        }, "ad-stats-" + name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Asks the poll loop to finish; it commits what is done and closes the consumer. Any thread. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /**
     * Stops the loop if it runs on another thread and waits for it, or else commits what is done and closes the
     * consumer here. Leaving the group lets the other members take over this member's partitions at once.
     */
    @Override
    public void close() {
        Thread runner;
        synchronized (this) {
            runner = thread;
        }
        if (runner != null && runner != Thread.currentThread()) {
            stop();
            try {
                runner.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (runner.isAlive()) {
                throw new IllegalStateException("Aggregator " + name + " did not stop within " + CLOSE_TIMEOUT);
            }
        } else {
            stopping = true;
            shutdown();
        }
    }

    /** This member's per-campaign totals: its share of the group's, if the group has several members. */
    public SortedMap<String, CampaignStats> snapshot() {
        return totals.snapshot();
    }

    /** This member's totals of one campaign ({@link CampaignStats#EMPTY} if it has not seen the campaign). */
    public CampaignStats statsOf(String campaignId) {
        return totals.of(campaignId);
    }

    /** All campaigns this member counted, together. */
    public CampaignStats total() {
        return totals.total();
    }

    /** Valid events counted. */
    public long eventsCounted() {
        return events.get();
    }

    /** Records skipped because they were not valid events. */
    public long skippedCount() {
        return skipped.get();
    }

    /** The partitions this member owns now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /**
     * Per owned partition, the offset of the next record this member will read, as of its last poll: everything
     * before it has been counted. Compare with the end offsets to see whether the member has caught up.
     */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    public long commits() {
        return commits.get();
    }

    /** Commits that failed because the group was rebalancing or had moved the partitions away. */
    public long commitFailures() {
        return commitFailures.get();
    }

    /** Rebalances this member took part in (assignments received). */
    public long rebalances() {
        return rebalances.get();
    }

    /** Why the poll loop stopped, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public String name() {
        return name;
    }

    private boolean commitDue() {
        return commitInterval.isZero() || System.nanoTime() - lastCommitNanos >= commitInterval.toNanos();
    }

    private void commitPending() {
        Map<TopicPartition, OffsetAndMetadata> offsets = pending.all();
        try {
            commit(offsets);
            pending.forget(offsets.keySet());
        } catch (RebalanceInProgressException e) {
            // The next poll runs the rebalance; the revocation callback commits what is still pending.
            commitFailures.incrementAndGet();
        } catch (CommitFailedException e) {
            // The group gave the partitions to someone else (this member was too slow between polls). The next
            // poll reports them lost; the new owner re-reads from the last successful commit.
            commitFailures.incrementAndGet();
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitSync(offsets);
        lastCommitNanos = System.nanoTime();
        commits.incrementAndGet();
    }

    private Map<TopicPartition, Long> knownPositions() {
        Map<TopicPartition, Long> known = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            try {
                // A zero timeout answers from what the consumer knows; a partition still looking up its
                // committed offset is left out instead of blocking the loop.
                known.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Not known yet: the next poll resolves it.
            }
        }
        return Map.copyOf(known);
    }

    private void shutdown() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            try {
                commitPending();
            } catch (WakeupException e) {
                // stop() may have armed a wakeup that fires on this commit instead of on a poll: commit again.
                commitPending();
            }
        } catch (RuntimeException e) {
            // The partitions were lost or the cluster is gone: the next owner re-reads from the last commit.
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            assignment = Set.of();
            positions = Map.of();
        }
    }

    /**
     * Hands partitions over through {@link CommitOnRevokeListener} and keeps the aggregator's view of its
     * assignment. Without {@link Builder#commitOnRevoke}, a revocation is handled like a loss: the done work is
     * forgotten uncommitted, and the partition's next owner counts it again.
     */
    private final class Handover implements ConsumerRebalanceListener {

        private final CommitOnRevokeListener handover;

        Handover(CommitOnRevokeListener handover) {
            this.handover = handover;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                if (commitOnRevoke) {
                    handover.onPartitionsRevoked(partitions);
                } else {
                    handover.onPartitionsLost(partitions);
                }
            } catch (CommitFailedException | RebalanceInProgressException e) {
                // The generation moved on before the commit got through: the next owner repeats this work, which
                // is the at-least-once fallback. Stopping the whole member would not make it any better.
                commitFailures.incrementAndGet();
            } finally {
                dropFromAssignment(partitions);
                observer.onPartitionsRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            handover.onPartitionsAssigned(partitions);
            rebalances.incrementAndGet();
            observer.onPartitionsAssigned(partitions);
            // Published last: whoever sees the new assignment also finds this callback in the observer's log.
            assignment = Set.copyOf(consumer.assignment());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            try {
                handover.onPartitionsLost(partitions);
            } finally {
                dropFromAssignment(partitions);
                observer.onPartitionsLost(partitions);
            }
        }

        private void dropFromAssignment(Collection<TopicPartition> partitions) {
            Set<TopicPartition> remaining = new HashSet<>(assignment);
            remaining.removeAll(partitions);
            assignment = Set.copyOf(remaining);
        }
    }

    /** Settings of an aggregator; every setting but the consumer config and topics has a default. */
    public static final class Builder {
        private final Map<String, Object> config;
        private final List<String> topics;
        private Duration commitInterval = Duration.ZERO;
        private boolean commitOnRevoke = true;
        private Duration pollTimeout = Duration.ofMillis(100);
        private ConsumerRebalanceListener observer = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
            }
        };

        private Builder(Map<String, Object> consumerConfig, List<String> topics) {
            Objects.requireNonNull(consumerConfig, "consumerConfig");
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("An aggregator needs at least one topic to read");
            }
            this.config = new HashMap<>(consumerConfig);
            this.topics = topics;
        }

        /**
         * How often done offsets are committed: {@link Duration#ZERO} (the default) after every poll. A longer
         * interval means fewer commit round trips but more work to repeat after a crash; a rebalance commits
         * regardless (unless {@link #commitOnRevoke} is off).
         */
        public Builder commitInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("commitInterval must not be negative, was " + interval);
            }
            this.commitInterval = interval;
            return this;
        }

        /** Whether to commit done work when partitions are revoked (default true; off only to show what breaks). */
        public Builder commitOnRevoke(boolean commitOnRevoke) {
            this.commitOnRevoke = commitOnRevoke;
            return this;
        }

        /** How long one poll of {@link #run()} waits for records (default 100 ms). */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Told about every assignment, revocation and loss, after the aggregator has handled it. */
        public Builder listener(ConsumerRebalanceListener listener) {
            this.observer = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public AdStatsAggregator build() {
            Object groupId = config.get(ConsumerConfig.GROUP_ID_CONFIG);
            if (groupId == null || groupId.toString().isBlank()) {
                throw new IllegalArgumentException("group.id is missing: an aggregator is a member of a consumer "
                        + "group, which is where its committed offsets live. Set group.id (e.g. \"ad-stats\").");
            }
            Object autoCommit = config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
            if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString().trim())) {
                throw new IllegalArgumentException("enable.auto.commit=true lets poll() commit on a timer "
                        + "(auto.commit.interval.ms), apart from when the totals are written; this aggregator commits "
                        + "by itself, right after each update and on every revocation. Remove the setting or set "
                        + "enable.auto.commit=false.");
            }
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            return new AdStatsAggregator(this);
        }
    }
}
