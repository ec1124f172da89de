package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks another pipeline instance for what its own store holds, over its query API with {@code local=true} (so the
 * owner answers from its store and never forwards again).
 */
final class HttpStats implements RemoteStats {

    private static final TypeReference<List<AdStats>> STATS_LIST = new TypeReference<>() {
    };
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public List<AdStats> query(HostInfo host, String campaignId, Instant from, Instant to) {
        return get(host, "/api/campaigns/" + campaignId + "/stats?local=true&from=" + from + "&to=" + to);
    }

    /** Every window {@code host}'s own store holds that starts within [from, to]. */
    List<AdStats> localWindows(HostInfo host, Instant from, Instant to) {
        return get(host, "/api/local/windows?from=" + from + "&to=" + to);
    }

    private List<AdStats> get(HostInfo host, String pathAndQuery) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                throw new StatsUnavailableException(host + " cannot answer now: " + response.body());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readValue(response.body(), STATS_LIST);
        } catch (IOException e) {
            throw new StatsUnavailableException(host + " did not answer (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
