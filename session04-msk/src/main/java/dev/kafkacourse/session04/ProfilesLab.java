package dev.kafkacourse.session04;

import dev.kafkacourse.support.profile.ConnectionProfile;
import dev.kafkacourse.support.profile.ProfileKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lab (no cluster needed): what each connection profile turns into (secrets masked), and what the offline checks
 * say about the usual mistakes, including the AWS credential lookup that an IAM client does at its handshake.
 */
public final class ProfilesLab {

    static final String MSK_HOST = "b-1.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com";

    private ProfilesLab() {
    }

    /** The client properties per profile, and per mistake the message (or "accepted"). */
    record Result(Map<ProfileKind, Map<String, Object>> properties, Map<String, String> checks) {
    }

    public static void main(String[] args) throws IOException {
        run(System.out, System.getenv(), true);
    }

    /** {@code lookUpAwsCredentials}: also run the IAM library's credential lookup (it may wait on an instance role). */
    static Result run(PrintStream out, Map<String, String> env, boolean lookUpAwsCredentials) throws IOException {
        Path dir = Files.createTempDirectory("session04-profiles");
        Path password = Files.writeString(dir.resolve("password"), "example-password");
        Map<ProfileKind, ConnectionProfile> profiles = new LinkedHashMap<>();
        profiles.put(ProfileKind.LOCAL, ConnectionProfile.builder(ProfileKind.LOCAL).build());
        profiles.put(ProfileKind.MSK_PLAINTEXT, ConnectionProfile.builder(ProfileKind.MSK_PLAINTEXT).build());
        profiles.put(ProfileKind.MSK_TLS, ConnectionProfile.builder(ProfileKind.MSK_TLS).build());
        profiles.put(ProfileKind.MSK_SCRAM, ConnectionProfile.builder(ProfileKind.MSK_SCRAM).username("collector")
                .passwordFile(password).build());
        profiles.put(ProfileKind.MSK_IAM, ConnectionProfile.builder(ProfileKind.MSK_IAM).build());
        profiles.put(ProfileKind.CONFLUENT_CLOUD, ConnectionProfile.builder(ProfileKind.CONFLUENT_CLOUD)
                .apiKey("ABCDEFGHIJKLMNOP").apiSecretFile(password).build());
        Map<ProfileKind, String> servers = Map.of(ProfileKind.LOCAL, "localhost:9092",
                ProfileKind.MSK_PLAINTEXT, MSK_HOST + ":9092", ProfileKind.MSK_TLS, MSK_HOST + ":9094",
                ProfileKind.MSK_SCRAM, MSK_HOST + ":9096", ProfileKind.MSK_IAM, MSK_HOST + ":9098",
                ProfileKind.CONFLUENT_CLOUD, "pkc-abc12.ap-northeast-2.aws.confluent.cloud:9092");

        Map<ProfileKind, Map<String, Object>> properties = new LinkedHashMap<>();
        for (Map.Entry<ProfileKind, ConnectionProfile> entry : profiles.entrySet()) {
            Map<String, Object> props = entry.getValue().clientProperties(servers.get(entry.getKey()));
            properties.put(entry.getKey(), props);
            out.println("course.profile=" + entry.getKey().id());
            props.forEach((key, value) -> out.println("    " + key + "=" + mask(String.valueOf(value))));
        }

        out.println();
        out.println("Checks before any connection:");
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("msk-scram on the IAM port 9098", check(() -> ConnectionProfile.builder(ProfileKind.MSK_SCRAM)
                .username("collector").passwordFile(password).build().clientProperties(MSK_HOST + ":9098")));
        checks.put("msk-tls on the plaintext port 9092", check(() -> ConnectionProfile.builder(ProfileKind.MSK_TLS)
                .build().clientProperties(MSK_HOST + ":9092")));
        checks.put("msk-scram without a password", check(() -> ConnectionProfile.builder(ProfileKind.MSK_SCRAM)
                .env(Map.of()).username("collector").build().clientProperties(MSK_HOST + ":9096")));
        checks.put("password written into the profile file", check(() -> ConnectionProfile.fromSettings(
                Map.of("course.profile", "msk-scram", "course.profile.password", "hunter2"), Map.of(), c -> true)
                .clientProperties(MSK_HOST + ":9096")));
        checks.put("msk-iam without the aws-msk-iam-auth library", check(() -> ConnectionProfile.builder(ProfileKind.MSK_IAM)
                .classPresent(c -> false).build().clientProperties(MSK_HOST + ":9098")));
        if (lookUpAwsCredentials) {
            checks.put("msk-iam: AWS credentials in the provider chain", check(() -> ConnectionProfile.builder(ProfileKind.MSK_IAM)
                    .env(env).build().preflight(MSK_HOST + ":9098")));
        }
        checks.forEach((what, verdict) -> out.printf("  %-48s -> %s%n", what, verdict));
        Files.delete(password);
        Files.delete(dir);
        return new Result(properties, checks);
    }

    private static String check(Supplier<Map<String, Object>> build) {
        try {
            build.get();
            return "accepted";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Passwords in JAAS lines are shown as ***. */
    static String mask(String value) {
        return value.replaceAll("password=\"[^\"]*\"", "password=\"***\"");
    }
}
