package dev.kafkacourse.session10.registry;

/** Where a running registry answers. */
public record RegistryUrls(int port) {

    /** Apicurio's own API, for Apicurio's serdes ({@code apicurio.registry.url}). */
    public String apicurio() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** The Confluent-compatible API (what a Confluent client's {@code schema.registry.url} would point at). */
    public String ccompat() {
        return ApicurioRegistry.ccompatUrl(port);
    }

    public CcompatClient client() {
        return new CcompatClient(ccompat());
    }
}
