// Known-wrong answer: keeps the single-broker value 1 for the internal topics, so with three brokers one broker's loss takes every group's offsets offline
package dev.kafkacourse.session05;

import java.util.Properties;
import java.util.stream.Collectors;


public final class KraftServerProperties {

    private KraftServerProperties() {
    }

    public static Properties forNode(KraftClusterPlan plan, int nodeId) {
        if (!plan.nodeIds().contains(nodeId)) {
            throw new IllegalArgumentException(plan.unknown(nodeId));
        }
        Properties props = new Properties();
        props.setProperty("node.id", String.valueOf(nodeId));
        // Every node, broker or controller, must know the whole quorum: brokers to find the active controller,
        // controllers to vote. One missing or wrong entry and the node never joins.
        props.setProperty("controller.quorum.voters", plan.controllerIds().stream()
                .map(id -> id + "@localhost:" + plan.port(id)).collect(Collectors.joining(",")));
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.setProperty("log.dirs", plan.logDir(nodeId).toString());
        if (plan.isController(nodeId)) {
            props.setProperty("process.roles", "controller");
            props.setProperty("listeners", "CONTROLLER://localhost:" + plan.port(nodeId));
            // The controller decides when a silent broker is fenced: 2 s instead of 9 s keeps failover labs short.
            props.setProperty("broker.session.timeout.ms", "2000");
            props.setProperty("broker.heartbeat.interval.ms", "500");
        } else {
            String endpoint = "PLAINTEXT://localhost:" + plan.port(nodeId);
            props.setProperty("process.roles", "broker");
            props.setProperty("listeners", endpoint);
            props.setProperty("advertised.listeners", endpoint);
            props.setProperty("inter.broker.listener.name", "PLAINTEXT");
            // Internal topics cannot have more replicas than there are brokers: the first consumer group or
            // transaction would wait forever for __consumer_offsets / __transaction_state.
            String replicas = "1";
            props.setProperty("offsets.topic.replication.factor", replicas);
            props.setProperty("transaction.state.log.replication.factor", replicas);
            props.setProperty("transaction.state.log.min.isr", "1");
            props.setProperty("share.coordinator.state.topic.replication.factor", replicas);
            props.setProperty("share.coordinator.state.topic.min.isr", "1");
            props.setProperty("default.replication.factor", replicas);
            props.setProperty("broker.heartbeat.interval.ms", "500");
            props.setProperty("group.initial.rebalance.delay.ms", "0");
            props.setProperty("auto.create.topics.enable", "false");
        }
        return props;
    }
}
