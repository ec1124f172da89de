package dev.kafkacourse.session03;

import dev.kafkacourse.support.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;

/**
 * Stops and starts brokers by broker id (the id Admin reports, not the cluster's index) and remembers what it
 * stopped: closing it starts those brokers again and waits until they are back, so a lab or test that fails
 * half-way still leaves a whole cluster to the next one.
 */
public final class BrokerControl implements AutoCloseable {

    private final KafkaCluster cluster;
    private final Admin admin;
    private final Set<Integer> stopped = new LinkedHashSet<>();

    public BrokerControl(KafkaCluster cluster, Admin admin) {
        if (!cluster.supportsBrokerControl()) {
            throw new IllegalStateException("This lesson stops and restarts brokers, which the " + cluster.mode().label()
                    + " backend cannot do. Run it on the embedded backend (-Dkafka.mode=embedded or KAFKA_MODE=embedded).");
        }
        this.cluster = cluster;
        this.admin = admin;
    }

    /** Broker ids in cluster order (index 0, 1, 2...). */
    public List<Integer> brokerIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < cluster.brokerCount(); i++) {
            ids.add(cluster.brokerId(i));
        }
        return ids;
    }

    /** Shuts broker {@code brokerId} down cleanly (controlled shutdown: its leaderships move first). */
    public void stop(int brokerId) {
        cluster.stopBroker(cluster.indexOf(brokerId));
        stopped.add(brokerId);
    }

    /** Starts broker {@code brokerId} again and waits until the cluster counts it as alive (unfenced). */
    public void start(int brokerId) {
        cluster.startBroker(cluster.indexOf(brokerId));
        stopped.remove(brokerId);
        awaitLive(brokerId);
    }

    public void awaitLive(int brokerId) {
        Awaitility.await("broker " + brokerId + " registered and unfenced")
                .atMost(Replication.STATE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> Replication.liveBrokers(admin).contains(brokerId));
    }

    /** Starts every broker this object stopped and waits until all of them are alive. */
    @Override
    public void close() {
        for (Integer brokerId : List.copyOf(stopped)) {
            start(brokerId);
        }
    }
}
