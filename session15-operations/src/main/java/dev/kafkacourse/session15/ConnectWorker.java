package dev.kafkacourse.session15;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.awaitility.Awaitility;

/**
 * One Kafka Connect worker in distributed mode, in this JVM: the same {@code Connect} that
 * {@code connect-distributed.sh connect-distributed.properties} starts, given the properties as a map. Workers with
 * the same {@code group.id} and internal topics form one Connect cluster: a worker started after another one
 * stopped finds the connectors, their configs and their committed offsets in those topics and carries on.
 * It is driven through its REST API, as an operator or a deployment pipeline drives a real one.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connect<DistributedHerder> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConnectWorker(Connect<DistributedHerder> connect) {
        this.connect = connect;
        this.rest = connect.rest().advertisedUrl();
    }

    /**
     * The worker settings of a Connect cluster named {@code group} on the brokers at {@code bootstrap}: its three
     * internal topics are named after it, so every run has its own cluster.
     */
    public static Map<String, String> config(String bootstrap, String group, int replicationFactor) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", group);
        // Where the cluster keeps connector configs, source offsets and statuses (sink offsets are the
        // consumer group connect-<connector name>, like any consumer's).
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", Integer.toString(replicationFactor));
        props.put("offset.storage.replication.factor", Integer.toString(replicationFactor));
        props.put("status.storage.replication.factor", Integer.toString(replicationFactor));
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        // REST on a free port of 127.0.0.1 (production: a fixed port behind a load balancer).
        props.put("listeners", "http://127.0.0.1:0");
        // Plugins on the classpath found through their META-INF/services files, without scanning every jar.
        props.put("plugin.discovery", "service_load");
        // Lab speed: a worker that stops is replaced at once instead of after 5 minutes (the default delay
        // keeps its tasks unassigned in case it comes back), and sink offsets are committed every second.
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("offset.flush.interval.ms", "1000");
        return props;
    }

    /** Starts a worker with {@code config} and waits until its REST API answers. */
    public static ConnectWorker start(Map<String, String> config) {
        Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(config);
        return new ConnectWorker(connect);
    }

    public URI restUrl() {
        return rest;
    }

    /** PUT /connectors/{name}/config: creates the connector or changes its config. */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return call("PUT", "/connectors/" + name + "/config", config);
    }

    /** GET /connectors/{name}/status: the connector's and each task's state (RUNNING, FAILED with its trace). */
    public JsonNode status(String name) {
        return call("GET", "/connectors/" + name + "/status", null);
    }

    /** GET /connectors/{name}/offsets: for a sink, the offsets committed in the group connect-{name}. */
    public JsonNode offsets(String name) {
        return call("GET", "/connectors/" + name + "/offsets", null);
    }

    /**
     * Waits until {@code connector} and its single task are RUNNING. A FAILED task ends the wait at once with its
     * trace ({@link TaskFailed}); any other error (e.g. 404 before the connector exists) is asked again.
     */
    public void awaitRunning(String connector, Duration timeout) {
        Awaitility.await(connector + " and its task RUNNING").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsMatching(e -> !(e instanceof TaskFailed)).until(() -> {
                    JsonNode status = statusUnlessFailed(connector);
                    JsonNode tasks = status.path("tasks");
                    return "RUNNING".equals(status.path("connector").path("state").asText()) && tasks.size() == 1
                            && "RUNNING".equals(tasks.get(0).path("state").asText());
                });
    }

    /** {@link #status}, throwing {@link TaskFailed} when a task has failed (a failed task stays failed). */
    public JsonNode statusUnlessFailed(String connector) {
        JsonNode status = status(connector);
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new TaskFailed(task.path("trace").asText());
            }
        }
        return status;
    }

    /** A connector task in state FAILED, with the stack trace the REST API reports. */
    static final class TaskFailed extends RuntimeException {
        TaskFailed(String trace) {
            super("Task failed: " + trace);
        }
    }

    /** GET any path of the REST API. */
    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + path, e);
        }
    }

    /**
     * Stops the worker as {@code SIGTERM} stops connect-distributed.sh: its tasks stop, sink tasks commit the
     * offsets of what they have handed to the connector, and it leaves the Connect group.
     */
    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
