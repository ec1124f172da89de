package dev.kafkacourse.support.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of cluster a {@link ConnectionProfile} can describe, with the security protocol each listener speaks
 * and the ports MSK (or Confluent Cloud) serves it on. The port is how a wrong bootstrap string is caught before a
 * connection attempt times out: MSK gives one bootstrap string per authentication method, each on its own port.
 */
public enum ProfileKind {
    /** A broker on this machine or in the team's network: no security, any port. */
    LOCAL("local", "PLAINTEXT", List.of(), "BootstrapBrokerString"),
    /** MSK with unauthenticated plaintext traffic enabled (never in production). */
    MSK_PLAINTEXT("msk-plaintext", "PLAINTEXT", List.of(9092), "BootstrapBrokerString"),
    /** MSK over TLS without client authentication (or with mTLS when a key store is given). */
    MSK_TLS("msk-tls", "SSL", List.of(9094, 9194), "BootstrapBrokerStringTls"),
    /** MSK SASL/SCRAM: username and password stored in AWS Secrets Manager, SCRAM-SHA-512 over TLS. */
    MSK_SCRAM("msk-scram", "SASL_SSL", List.of(9096, 9196), "BootstrapBrokerStringSaslScram"),
    /** MSK IAM access control: requests signed with AWS credentials by the aws-msk-iam-auth library. */
    MSK_IAM("msk-iam", "SASL_SSL", List.of(9098, 9198), "BootstrapBrokerStringSaslIam"),
    /** Confluent Cloud: SASL_SSL with mechanism PLAIN, an API key as the username and its secret as the password. */
    CONFLUENT_CLOUD("confluent-cloud", "SASL_SSL", List.of(9092), "Bootstrap server of the cluster settings page");

    private final String id;
    private final String securityProtocol;
    private final List<Integer> ports;
    private final String bootstrapSource;

    ProfileKind(String id, String securityProtocol, List<Integer> ports, String bootstrapSource) {
        this.id = id;
        this.securityProtocol = securityProtocol;
        this.ports = ports;
        this.bootstrapSource = bootstrapSource;
    }

    /** The name used in a profile file: {@code course.profile=msk-scram}. */
    public String id() {
        return id;
    }

    public String securityProtocol() {
        return securityProtocol;
    }

    /** The ports this listener has on the managed service (private first, then public); empty: any port. */
    public List<Integer> ports() {
        return ports;
    }

    /** Where the console or API shows the right bootstrap string for this kind. */
    public String bootstrapSource() {
        return bootstrapSource;
    }

    /** The kind served on {@code port} of an MSK cluster, if any: used to say which kind an address belongs to. */
    static Optional<ProfileKind> mskKindOfPort(int port) {
        return Arrays.stream(values()).filter(k -> k.id.startsWith("msk-") && k.ports.contains(port)).findFirst();
    }

    public static ProfileKind fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id.trim())).findFirst()
                .orElseThrow(() -> new ProfileException(ConnectionProfile.PROFILE_KEY + "=" + id
                        + " is not a known profile. Use one of: " + ids() + "."));
    }

    static String ids() {
        return Arrays.stream(values()).map(ProfileKind::id).collect(Collectors.joining(", "));
    }
}
