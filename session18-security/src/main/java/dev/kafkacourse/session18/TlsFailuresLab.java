package dev.kafkacourse.session18;

import ch.qos.logback.classic.Level;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.lab.LabLogs;
import dev.kafkacourse.support.lab.LabRunner;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Lab: what a client sees when its TLS or SASL settings are wrong. One SCRAM user, one SASL_SSL broker, and the
 * same connection attempt with the right settings and with each classic mistake: the exception names which layer
 * refused (TLS handshake, SASL authentication) and never says whether the user exists.
 */
public final class TlsFailuresLab {

    private TlsFailuresLab() {
    }

    /** Each attempt (in order) and how it ended. */
    record Result(String user, Map<String, Outcome> attempts) {
    }

    public static void main(String[] args) {
        // The failures are the lesson; the client's own retry warnings would only repeat them.
        LabLogs.quiet(Map.of("org.apache.kafka", Level.OFF, "org.apache.kafka.clients.NetworkClient", Level.OFF,
                "kafka", Level.ERROR));
        LabRunner.runOnCluster("session18 tls-failures", SecureKafkaCluster::start,
                (kafka, out) -> run(kafka, out));
    }

    static Result run(KafkaFixture kafka, PrintStream out) {
        SecureKafkaCluster cluster = (SecureKafkaCluster) kafka.cluster();
        String user = SecureKafkaCluster.uniqueUserName("collector");
        cluster.createUser(user);
        out.printf("SCRAM-SHA-512 user %s created through Admin; broker SASL_SSL listener %s%n%n", user,
                cluster.bootstrapServers());

        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("right settings (SASL_SSL, SCRAM-SHA-512, CA trust store)", cluster.clientProperties(user));
        cases.put("wrong password", cluster.clientPropertiesWithWrongPassword(user));
        cases.put("user that does not exist", cluster.clientPropertiesWithPassword("nobody", "secret"));
        cases.put("no trust store (JVM's public CAs)", cluster.clientPropertiesWithoutTrustStore(user));
        cases.put("trust store of another CA", cluster.clientPropertiesWithForeignTrustStore(user));
        cases.put("no sasl.jaas.config", without(cluster.clientProperties(user), SaslConfigs.SASL_JAAS_CONFIG));
        cases.put("sasl.mechanism PLAIN (broker offers SCRAM only)",
                with(cluster.clientProperties(user), SaslConfigs.SASL_MECHANISM, "PLAIN"));
        // A PLAINTEXT client on a TLS port gets no answer it understands: it retries until its timeout.
        cases.put("PLAINTEXT client on the SASL_SSL port", with(with(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                1_500));

        // Independent attempts, tried side by side; printed in order.
        Map<String, Outcome> attempts = Parallel.each(List.copyOf(cases.keySet()),
                name -> Probes.connect(cases.get(name)));
        out.printf("%-55s %s%n", "client settings", "outcome");
        for (Map.Entry<String, Outcome> attempt : attempts.entrySet()) {
            Outcome outcome = attempt.getValue();
            out.printf("%-55s %s%n", attempt.getKey(), outcome.allowed() ? "connected" : outcome.errorName());
            if (!outcome.allowed()) {
                out.printf("%-55s   %s%n", "", firstLine(outcome.error().getMessage()));
                Throwable root = rootCause(outcome.error());
                if (root != outcome.error()) {
                    out.printf("%-55s   caused by %s%n", "", firstLine(root.getMessage()));
                }
            }
        }
        return new Result(user, attempts);
    }

    /** The TLS layer's own reason (e.g. no trusted certification path) is at the bottom of the chain. */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 110 ? line.substring(0, 107) + "..." : line;
    }

    private static Map<String, Object> with(Map<String, Object> props, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> props, String key) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.remove(key);
        return copy;
    }
}
