package dev.kafkacourse.session15;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Wraps the real brokers and looks at the cluster at the moment the procedure asks to stop one: every partition
 * must then have all its replicas in sync. It refuses (throws) an unsafe stop instead of doing it, so a wrong
 * procedure fails at once and the cluster is not damaged for the next test.
 */
final class RecordingBrokers implements BrokerRestarter {

    private final BrokerRestarter brokers;
    private final Admin admin;
    private final List<String> calls = new ArrayList<>();

    RecordingBrokers(BrokerRestarter brokers, Admin admin) {
        this.brokers = brokers;
        this.admin = admin;
    }

    @Override
    public List<Integer> brokerIds() {
        return brokers.brokerIds();
    }

    @Override
    public void stop(int brokerId) {
        List<PartitionState> notInSync = ClusterState.underReplicated(admin);
        if (!notInSync.isEmpty()) {
            throw new AssertionError("Asked to stop broker " + brokerId + " while " + notInSync.size()
                    + " partition(s) did not have all their replicas in sync, e.g. " + notInSync.get(0)
                    + ": stopping it now can leave a partition with a single in-sync copy");
        }
        calls.add("stop " + brokerId);
        brokers.stop(brokerId);
    }

    @Override
    public void start(int brokerId) {
        calls.add("start " + brokerId);
        brokers.start(brokerId);
    }

    List<String> calls() {
        return List.copyOf(calls);
    }
}
