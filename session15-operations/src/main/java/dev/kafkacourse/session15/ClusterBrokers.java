package dev.kafkacourse.session15;

import dev.kafkacourse.support.kafka.KafkaCluster;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link BrokerRestarter} over a cluster the course started, by broker id (the id Admin reports, not the cluster's
 * index). Closing it starts every broker it left stopped, so a lab or test that fails half-way still leaves a whole
 * cluster to the next one.
 */
public final class ClusterBrokers implements BrokerRestarter, AutoCloseable {

    private final KafkaCluster cluster;
    private final Set<Integer> stopped = new LinkedHashSet<>();

    public ClusterBrokers(KafkaCluster cluster) {
        if (!cluster.supportsBrokerControl()) {
            throw new IllegalStateException("This lesson stops and restarts brokers, which the " + cluster.mode().label()
                    + " backend cannot do. Run it on the embedded backend (KAFKA_MODE=embedded).");
        }
        this.cluster = cluster;
    }

    @Override
    public List<Integer> brokerIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < cluster.brokerCount(); i++) {
            ids.add(cluster.brokerId(i));
        }
        return ids;
    }

    @Override
    public synchronized void stop(int brokerId) {
        cluster.stopBroker(cluster.indexOf(brokerId));
        stopped.add(brokerId);
    }

    @Override
    public synchronized void start(int brokerId) {
        cluster.startBroker(cluster.indexOf(brokerId));
        stopped.remove(brokerId);
    }

    /** Brokers this object stopped and did not start again. */
    public synchronized Set<Integer> stopped() {
        return Set.copyOf(stopped);
    }

    @Override
    public synchronized void close() {
        for (Integer brokerId : List.copyOf(stopped)) {
            start(brokerId);
        }
    }
}
