package dev.kafkacourse.session15;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Exercise 1 (core): restart every broker of a cluster one at a time without losing a write. A broker may be
 * stopped only when it is safe to lose it for a while, and the next one only when the restarted one really is
 * back: see the guide, section "연습 1".
 */
public final class SafeRollingRestart {

    private final Admin admin;
    private final BrokerRestarter brokers;
    private final Duration timeout;

    public SafeRollingRestart(Admin admin, BrokerRestarter brokers, Duration timeout) {
        this.admin = admin;
        this.brokers = brokers;
        this.timeout = timeout;
    }

    /** Restarts the brokers in {@code order}, one at a time, and returns once the last one is really back. */
    public void restartAll(List<Integer> order) {
        throw new UnsupportedOperationException(
                "TODO: stop, start and wait for each broker in turn; use the admin client to decide when it is safe");
    }
}
