package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One instance of a consumer application in a group: a poll loop on its own thread whose rebalance listener reports
 * to a {@link RebalanceTally}. "Deploying" it means {@link #stop()} (the old version's consumer closes) and
 * {@link #start()} (the new version's consumer joins with the same settings, including its
 * {@code group.instance.id} when static membership is on).
 */
final class DeployMember implements AutoCloseable {

    private final String name;
    private final String topic;
    private final Supplier<Consumer<String, String>> consumers;
    private final RebalanceTally tally;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean restarting;
    private Consumer<String, String> consumer;
    private Thread thread;
    private final AtomicBoolean running = new AtomicBoolean();

    DeployMember(String name, String topic, Supplier<Consumer<String, String>> consumers, RebalanceTally tally) {
        this.name = name;
        this.topic = topic;
        this.consumers = consumers;
        this.tally = tally;
    }

    String name() {
        return name;
    }

    Set<TopicPartition> owned() {
        return Set.copyOf(owned);
    }

    /** Marks this member as the one being deployed: its own rebalances are not counted as a bystander's. */
    void restarting(boolean value) {
        restarting = value;
    }

    synchronized DeployMember start() {
        Consumer<String, String> c = consumers.get();
        consumer = c;
        running.set(true);
        thread = new Thread(() -> pollLoop(c), "deploy-" + name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Closes the consumer: a dynamic member leaves the group; a static member stays until its session times out. */
    synchronized void stop() {
        if (!running.getAndSet(false)) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        owned.clear();
    }

    private void pollLoop(Consumer<String, String> c) {
        try (c) {
            c.subscribe(List.of(topic), new Listener());
            while (running.get()) {
                c.poll(Duration.ofMillis(100));
            }
        } catch (WakeupException expected) {
            // stop() asked the poll loop to end; closing the consumer follows
        }
    }

    @Override
    public void close() {
        stop();
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            boolean whole = !owned.isEmpty() && partitions.containsAll(owned);
            tally.revoked(partitions, whole, !restarting && running.get());
            owned.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            owned.addAll(partitions);
            tally.assigned(partitions, !restarting);
        }
    }
}
