package dev.kafkacourse.session15;

import java.util.List;

/**
 * What an operator's tooling can do to one broker: stop it (controlled shutdown) and start it again. On MSK the
 * service does this for you during a patch or a broker-type change; on your own cluster it is {@code systemctl}
 * or a Kubernetes pod restart. In the labs it is an in-JVM broker.
 */
public interface BrokerRestarter {

    /** Broker ids in cluster order. */
    List<Integer> brokerIds();

    /** Shuts broker {@code brokerId} down cleanly: its leaderships move to other in-sync replicas first. */
    void stop(int brokerId);

    /** Starts broker {@code brokerId} again and returns once the controller counts it as alive (unfenced). */
    void start(int brokerId);
}
