// Known-wrong answer: uses BootstrapBrokerStringTls for SCRAM and IAM because they also run over TLS: port 9094 has no SASL, so authentication never happens
package dev.kafkacourse.session04;

import dev.kafkacourse.support.profile.ProfileKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Picks the bootstrap string for a client profile from MSK's GetBootstrapBrokers answer. */
public final class BootstrapBrokers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BootstrapBrokers() {
    }

    /**
     * The value of KAFKA_BOOTSTRAP_SERVERS for {@code kind} from the JSON that
     * {@code aws kafka get-bootstrap-brokers --cluster-arn ...} prints; the public endpoint when
     * {@code publicAccess}. Missing field: IllegalStateException naming the field (that listener is not enabled).
     */
    public static String choose(String getBootstrapBrokersJson, ProfileKind kind, boolean publicAccess) {
        String listener = switch (kind) {
            case MSK_PLAINTEXT -> "";
            case MSK_TLS -> "Tls";
            case MSK_SCRAM -> "Tls";
            case MSK_IAM -> "Tls";
            default -> throw new IllegalArgumentException(kind.id() + " is not an MSK listener");
        };
        if (publicAccess && kind == ProfileKind.MSK_PLAINTEXT) {
            throw new IllegalArgumentException("MSK has no public plaintext listener: public access needs TLS, SCRAM or IAM");
        }
        String field = "BootstrapBrokerString" + (publicAccess ? "Public" : "") + listener;
        JsonNode value = JSON.readTree(getBootstrapBrokersJson).get(field);
        if (value == null || value.isNull() || value.asString().isBlank()) {
            throw new IllegalStateException("The cluster has no " + field + ": the " + kind.id() + " listener"
                    + (publicAccess ? " with public access" : "") + " is not enabled on it. Enable it (client "
                    + "authentication, encryption or public access settings) or use another profile.");
        }
        return value.asString();
    }
}
