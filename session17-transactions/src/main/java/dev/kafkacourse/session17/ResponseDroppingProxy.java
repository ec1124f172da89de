package dev.kafkacourse.session17;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * A TCP proxy between a client and a Kafka cluster on loopback that can lose one produce response: the broker has
 * written the records, but the client never hears so and sees its connection drop. That is the lost
 * acknowledgement of a flaky network, the case in which a producer's retry writes the same records again unless it
 * is idempotent.
 *
 * <p>Kafka clients learn the brokers' addresses from metadata responses and would then bypass the proxy, so the
 * proxy rewrites every broker address in them to a local port of its own (one per broker). It understands just
 * enough of the protocol for that: the size-prefixed frames, the request header's api key, version and
 * correlation id, and (with Kafka's own message classes) metadata responses.
 */
public final class ResponseDroppingProxy implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicBoolean dropNextProduceResponse = new AtomicBoolean();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Route bootstrap;
    private volatile boolean closed;

    /** A proxy in front of the cluster at {@code bootstrapServers} (the first address is used). */
    public ResponseDroppingProxy(String bootstrapServers) {
        this.bootstrap = routeTo(bootstrapServers.split(",")[0].trim());
    }

    /** What clients use instead of the cluster's bootstrap servers. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + bootstrap.port();
    }

    /** The next produce response from any broker is swallowed and its connection closed. */
    public void dropNextProduceResponse() {
        dropNextProduceResponse.set(true);
    }

    /** Produce responses swallowed so far. */
    public int droppedResponses() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
        routes.values().forEach(route -> closeQuietly(route.server));
        synchronized (sockets) {
            sockets.forEach(ResponseDroppingProxy::closeQuietly);
        }
    }

    private Route routeTo(String hostPort) {
        return routes.computeIfAbsent(hostPort, target -> {
            try {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK));
                Route route = new Route(target, server);
                Thread acceptor = new Thread(() -> accept(route), "proxy-accept-" + target);
                acceptor.setDaemon(true);
                acceptor.start();
                return route;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not open a proxy port for " + target, e);
            }
        });
    }

    private void accept(Route route) {
        while (!closed) {
            try {
                Socket client = route.server.accept();
                int colon = route.target.lastIndexOf(':');
                Socket broker = new Socket(route.target.substring(0, colon),
                        Integer.parseInt(route.target.substring(colon + 1)));
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(broker);
                }
                Map<Integer, short[]> requests = new ConcurrentHashMap<>();
                start("proxy-c2b", () -> clientToBroker(client, broker, requests));
                start("proxy-b2c", () -> brokerToClient(broker, client, requests));
            } catch (IOException e) {
                if (!closed) {
                    continue;   // one failed connection; keep serving others
                }
                return;
            }
        }
    }

    /** Forwards requests unchanged, noting which API each correlation id asked for. */
    private void clientToBroker(Socket client, Socket broker, Map<Integer, short[]> requests) {
        try (DataInputStream in = new DataInputStream(client.getInputStream());
             DataOutputStream out = new DataOutputStream(broker.getOutputStream())) {
            while (true) {
                byte[] frame = readFrame(in);
                ByteBuffer header = ByteBuffer.wrap(frame);
                short apiKey = header.getShort();
                short apiVersion = header.getShort();
                int correlationId = header.getInt();
                requests.put(correlationId, new short[] {apiKey, apiVersion});
                writeFrame(out, frame);
            }
        } catch (IOException e) {
            closeBoth(client, broker);
        }
    }

    /** Forwards responses, rewriting metadata and swallowing a produce response when armed. */
    private void brokerToClient(Socket broker, Socket client, Map<Integer, short[]> requests) {
        try (DataInputStream in = new DataInputStream(broker.getInputStream());
             DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
            while (true) {
                byte[] frame = readFrame(in);
                int correlationId = ByteBuffer.wrap(frame).getInt();
                short[] request = requests.remove(correlationId);
                if (request != null && request[0] == ApiKeys.PRODUCE.id
                        && dropNextProduceResponse.compareAndSet(true, false)) {
                    // The broker wrote the records; the client will never know. Cut the connection.
                    dropped.incrementAndGet();
                    closeBoth(client, broker);
                    return;
                }
                if (request != null && request[0] == ApiKeys.METADATA.id) {
                    frame = rewriteMetadata(frame, request[1]);
                }
                writeFrame(out, frame);
            }
        } catch (IOException e) {
            closeBoth(client, broker);
        }
    }

    /** Points every broker of a metadata response at this proxy. */
    private byte[] rewriteMetadata(byte[] frame, short version) {
        short headerVersion = ApiKeys.METADATA.responseHeaderVersion(version);
        ByteBufferAccessor reader = new ByteBufferAccessor(ByteBuffer.wrap(frame));
        ResponseHeaderData header = new ResponseHeaderData(reader, headerVersion);
        MetadataResponseData body = new MetadataResponseData(reader, version);
        for (MetadataResponseData.MetadataResponseBroker broker : body.brokers()) {
            Route route = routeTo(broker.host() + ":" + broker.port());
            broker.setHost(LOOPBACK).setPort(route.port());
        }
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer rewritten = ByteBuffer.allocate(size);
        ByteBufferAccessor writer = new ByteBufferAccessor(rewritten);
        header.write(writer, cache, headerVersion);
        body.write(writer, cache, version);
        return rewritten.array();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    private static void writeFrame(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    private static void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeBoth(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed or broken: nothing more to do.
        }
    }

    private record Route(String target, ServerSocket server) {
        int port() {
            return server.getLocalPort();
        }
    }
}
