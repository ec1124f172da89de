package dev.kafkacourse.session05;

import java.util.Properties;

/**
 * Exercise 2: the server properties of every node of a KRaft cluster on localhost, laid out by a
 * {@link KraftClusterPlan}: separate controllers (ids 3000, 3001, ...) and brokers (ids 0, 1, ...). The test
 * writes them to files, formats each node's storage and starts the cluster from them, as
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} would.
 */
public final class KraftServerProperties {

    private KraftServerProperties() {
    }

    /**
     * The server properties of node {@code nodeId} of {@code plan}:
     * <ul>
     *   <li>every node: {@code node.id}; {@code controller.quorum.voters} naming every controller of the plan as
     *       {@code id@localhost:port}; {@code controller.listener.names=CONTROLLER};
     *       {@code listener.security.protocol.map} mapping {@code CONTROLLER} and {@code PLAINTEXT} to
     *       {@code PLAINTEXT}; {@code log.dirs} = {@code plan.logDir(nodeId)};
     *   <li>a controller: {@code process.roles=controller}, {@code listeners=CONTROLLER://localhost:<its port>};
     *   <li>a broker: {@code process.roles=broker}, {@code listeners} and {@code advertised.listeners} both
     *       {@code PLAINTEXT://localhost:<its port>}, {@code inter.broker.listener.name=PLAINTEXT}, and internal
     *       topics that fit the broker count: {@code offsets.topic.replication.factor} and
     *       {@code transaction.state.log.replication.factor} = min(3, brokers),
     *       {@code transaction.state.log.min.isr} = min(2, brokers).
     * </ul>
     * Kafka must accept the result ({@code kafka.server.KafkaConfig}), and the nodes must form a working cluster.
     *
     * @throws IllegalArgumentException if {@code nodeId} is not a node of the plan; the message names the id and
     *                                  the plan's controller and broker ids ({@code plan.unknown(nodeId)})
     */
    public static Properties forNode(KraftClusterPlan plan, int nodeId) {
        // TODO: start from an empty Properties; set what every node needs, then the controller's or the broker's
        //  part (plan.isController(nodeId)); plan.controllerIds() and plan.port(id) give the voters.
        throw new UnsupportedOperationException("TODO session05 exercise 2: implement KraftServerProperties.forNode");
    }
}
