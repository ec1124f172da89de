package dev.kafkacourse.session05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The layout of a KRaft cluster on localhost, decided before any node starts: which node ids are controllers and
 * which are brokers, which port each one listens on, and where each keeps its data. The same ids as
 * {@code ./course cluster}: brokers are 0, 1, 2, ...; controllers are 3000, 3001, ... (a separate id range makes
 * it obvious in every log and {@code describeMetadataQuorum} output which kind of node is meant).
 *
 * @param controllerPorts the CONTROLLER listener port of controller 3000, 3001, ... (in that order)
 * @param brokerPorts     the client (PLAINTEXT) listener port of broker 0, 1, ... (in that order)
 * @param dataDir         the folder under which each node has its own log directory
 */
public record KraftClusterPlan(List<Integer> controllerPorts, List<Integer> brokerPorts, Path dataDir) {

    public static final int FIRST_CONTROLLER_ID = 3000;

    public KraftClusterPlan {
        controllerPorts = List.copyOf(controllerPorts);
        brokerPorts = List.copyOf(brokerPorts);
        if (controllerPorts.isEmpty() || brokerPorts.isEmpty()) {
            throw new IllegalArgumentException("A KRaft cluster needs at least one controller and one broker, was "
                    + controllerPorts.size() + " controller(s) and " + brokerPorts.size() + " broker(s)");
        }
        if (controllerPorts.size() > 1000 || brokerPorts.size() > FIRST_CONTROLLER_ID) {
            throw new IllegalArgumentException("Too many nodes for the id ranges 0.. and " + FIRST_CONTROLLER_ID + "..");
        }
    }

    /** A plan on ports that are free right now (another process could still take one before the cluster starts). */
    public static KraftClusterPlan onFreePorts(int controllers, int brokers, Path dataDir) {
        List<Integer> ports = freePorts(controllers + brokers);
        return new KraftClusterPlan(ports.subList(0, controllers), ports.subList(controllers, ports.size()), dataDir);
    }

    public int controllers() {
        return controllerPorts.size();
    }

    public int brokers() {
        return brokerPorts.size();
    }

    /** 3000, 3001, ... */
    public List<Integer> controllerIds() {
        return IntStream.range(0, controllers()).mapToObj(i -> FIRST_CONTROLLER_ID + i).toList();
    }

    /** 0, 1, ... */
    public List<Integer> brokerIds() {
        return IntStream.range(0, brokers()).boxed().toList();
    }

    /** Every node id: the controllers first, then the brokers. */
    public List<Integer> nodeIds() {
        List<Integer> ids = new ArrayList<>(controllerIds());
        ids.addAll(brokerIds());
        return ids;
    }

    public boolean isController(int nodeId) {
        return controllerIds().contains(nodeId);
    }

    public boolean isBroker(int nodeId) {
        return brokerIds().contains(nodeId);
    }

    /** The port node {@code nodeId} listens on: CONTROLLER for a controller, PLAINTEXT for a broker. */
    public int port(int nodeId) {
        if (isController(nodeId)) {
            return controllerPorts.get(nodeId - FIRST_CONTROLLER_ID);
        }
        if (isBroker(nodeId)) {
            return brokerPorts.get(nodeId);
        }
        throw new IllegalArgumentException(unknown(nodeId));
    }

    /** The log directory of node {@code nodeId}: {@code dataDir/node-<id>}. */
    public Path logDir(int nodeId) {
        if (!nodeIds().contains(nodeId)) {
            throw new IllegalArgumentException(unknown(nodeId));
        }
        return dataDir.resolve("node-" + nodeId);
    }

    /** {@code localhost:<port>} of every broker, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokerIds().stream().map(id -> "localhost:" + port(id)).collect(Collectors.joining(","));
    }

    /** The message for a node id that is not part of this plan. */
    public String unknown(int nodeId) {
        return "Node " + nodeId + " is not part of this cluster: its controllers are " + controllerIds()
                + " and its brokers " + brokerIds();
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress("localhost", 0));
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find " + count + " free ports on localhost", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is free again either way.
                }
            }
        }
    }
}
