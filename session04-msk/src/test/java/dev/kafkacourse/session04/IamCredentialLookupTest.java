package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kafkacourse.support.profile.ConnectionProfile;
import dev.kafkacourse.support.profile.ProfileException;
import dev.kafkacourse.support.profile.ProfileKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM profile's credential check runs the aws-msk-iam-auth library's own lookup (the one a client does at its
 * SASL handshake) without a cluster. The handshake itself needs MSK. The AWS SDK reads system properties before
 * the environment, so the test can give and take credentials without touching the environment.
 */
class IamCredentialLookupTest {

    private static final String MSK = "b-1.adstats.k1x2y3.c2.kafka.ap-northeast-2.amazonaws.com:9098";
    private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey",
            "aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata", "aws.region");

    @BeforeEach
    void noCredentialsAnywhere(@TempDir Path dir) {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null
                && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
                && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null,
                "this machine has AWS credentials in its environment: the 'no credentials' case cannot be shown here");
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
        System.setProperty("aws.disableEc2Metadata", "true"); // no instance role lookup: it would wait for a timeout
        System.setProperty("aws.region", "ap-northeast-2");
    }

    @AfterEach
    void clear() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void withoutCredentialsThePreflightNamesTheWaysToProvideThem() {
        assertThatThrownBy(() -> ConnectionProfile.builder(ProfileKind.MSK_IAM).build().preflight(MSK))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("found no AWS credentials")
                .hasMessageContaining("Unable to load credentials")
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    void withCredentialsInTheChainThePreflightPassesAndTheClientSettingsAreComplete() {
        System.setProperty("aws.accessKeyId", "test-access-key-id");
        System.setProperty("aws.secretAccessKey", "example-secret-not-a-real-key");

        Map<String, Object> props = ConnectionProfile.builder(ProfileKind.MSK_IAM).build().preflight(MSK);

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    }
}
