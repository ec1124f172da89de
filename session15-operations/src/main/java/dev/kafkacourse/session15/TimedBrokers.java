package dev.kafkacourse.session15;

import java.io.PrintStream;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Prints a timeline of a restart procedure: when each broker was stopped and was up again, and how many partitions
 * were not fully in sync at that moment. Wraps the brokers a procedure is given; changes nothing it does.
 */
final class TimedBrokers implements BrokerRestarter {

    private final BrokerRestarter brokers;
    private final Admin admin;
    private final PrintStream out;
    private final long start = System.nanoTime();

    TimedBrokers(BrokerRestarter brokers, Admin admin, PrintStream out) {
        this.brokers = brokers;
        this.admin = admin;
        this.out = out;
    }

    @Override
    public List<Integer> brokerIds() {
        return brokers.brokerIds();
    }

    @Override
    public void stop(int brokerId) {
        print("stopping broker " + brokerId);
        brokers.stop(brokerId);
        print("broker " + brokerId + " stopped");
    }

    @Override
    public void start(int brokerId) {
        brokers.start(brokerId);
        print("broker " + brokerId + " up (unfenced)");
    }

    private void print(String what) {
        long notInSync = ClusterState.underReplicated(admin).size();
        out.printf("   %6d ms  %-28s partitions not fully in sync: %d%n", (System.nanoTime() - start) / 1_000_000,
                what, notInSync);
    }
}
