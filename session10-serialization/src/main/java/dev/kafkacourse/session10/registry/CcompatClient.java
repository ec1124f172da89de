package dev.kafkacourse.session10.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls of Confluent Schema Registry's REST API a serializer needs, over plain HTTP. It works unchanged
 * against Confluent's registry, Apicurio's {@code /apis/ccompat/v7} and other registries that speak the same API:
 * register a schema under a subject, fetch a schema by id, set and test compatibility.
 */
public final class CcompatClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}, or a Confluent registry's root URL */
    public CcompatClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
     *
     * @throws IncompatibleSchemaException on HTTP 409: the subject's compatibility rule refuses it
     */
    public int register(String subject, String schemaType, String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        if (!"AVRO".equals(schemaType)) {
            body.put("schemaType", schemaType);   // AVRO is the API's default and older registries omit it
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", JSON.writeValueAsString(body));
        return answer.get("id").asInt();
    }

    /** The schema text with global id {@code id}. */
    public String schemaById(int id) {
        return call("GET", "/schemas/ids/" + id, null).get("schema").asString();
    }

    /** Every subject the registry knows. */
    public List<String> subjects() {
        return call("GET", "/subjects", null).valueStream().map(JsonNode::asString).toList();
    }

    /** The versions registered under {@code subject}, oldest first. */
    public List<Integer> versions(String subject) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions", null);
        return answer.valueStream().map(JsonNode::asInt).toList();
    }

    /** The compatibility level every subject without its own inherits. */
    public void setGlobalCompatibility(String level) {
        call("PUT", "/config", JSON.writeValueAsString(Map.of("compatibility", level)));
    }

    /** The compatibility level of {@code subject}: BACKWARD, FORWARD, FULL, NONE (or a *_TRANSITIVE one). */
    public void setCompatibility(String subject, String level) {
        call("PUT", "/config/" + encode(subject), JSON.writeValueAsString(Map.of("compatibility", level)));
    }

    /** Whether {@code schema} could be registered as the next version of {@code subject}, without registering it. */
    public boolean isCompatible(String subject, String schemaType, String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        if (!"AVRO".equals(schemaType)) {
            body.put("schemaType", schemaType);
        }
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                JSON.writeValueAsString(body)).get("is_compatible").asBoolean();
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", CONTENT_TYPE);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                throw new IncompatibleSchemaException(method + " " + path + ": " + response.body());
            }
            if (response.statusCode() / 100 != 2) {
                throw new RegistryCallException(response.statusCode(), method + " " + baseUrl + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryCallException(0, method + " " + baseUrl + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryCallException(0, "interrupted: " + method + " " + path);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** The registry answered with an error other than 409. */
    public static class RegistryCallException extends RuntimeException {
        private final int status;

        public RegistryCallException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status; 0 when there was no answer. */
        public int status() {
            return status;
        }
    }

    /** HTTP 409: the subject's compatibility rule refuses the schema. */
    public static final class IncompatibleSchemaException extends RegistryCallException {
        public IncompatibleSchemaException(String message) {
            super(409, message);
        }
    }
}
