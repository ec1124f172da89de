package dev.kafkacourse.session08;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;

/** The client-side assignors the labs compare ({@code partition.assignment.strategy}). */
enum Strategy {
    RANGE("range", RangeAssignor.class.getName(), RebalanceProtocol.EAGER),
    ROUND_ROBIN("roundrobin", RoundRobinAssignor.class.getName(), RebalanceProtocol.EAGER),
    COOPERATIVE_STICKY("cooperative-sticky", CooperativeStickyAssignor.class.getName(), RebalanceProtocol.COOPERATIVE);

    private final String label;
    private final String assignorClass;
    private final RebalanceProtocol protocol;

    Strategy(String label, String assignorClass, RebalanceProtocol protocol) {
        this.label = label;
        this.assignorClass = assignorClass;
        this.protocol = protocol;
    }

    String label() {
        return label;
    }

    String assignorClass() {
        return assignorClass;
    }

    RebalanceProtocol protocol() {
        return protocol;
    }
}
