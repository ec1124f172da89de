package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudFormation template and the Terraform module pass the real parsers, the providers' schemas and the
 * security rules; each broken copy is rejected for its own mistake. Skips (naming the installer) without node and
 * the npm packages.
 */
class ProvisioningTest {

    private static ProvisioningLab.Result result;
    private static String output;

    @BeforeAll
    static void checkEverythingOnce(@TempDir Path dir) {
        ProvisioningCheck.Availability tool = ProvisioningCheck.locate();
        assumeTrue(tool.get().isPresent(), () -> "provisioning checks skipped: " + tool.reason());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result = ProvisioningLab.run(tool.check(), dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCourseTemplatesAreAccepted() {
        assertThat(result.findings("cloudformation")).isEmpty();
        assertThat(result.findings("terraform")).isEmpty();
        assertThat(output).contains("cloudformation                               ACCEPTED");
    }

    @Test
    void aMisspelledRequiredKeyIsASchemaError() {
        assertThat(result.schemaErrors().get("cloudformation/misspelled-required-key"))
                .contains("Resources.Cluster.Properties: missing required property KafkaVersion")
                .anySatisfy(e -> assertThat(e).contains("KafkaVersoin: unknown property (did you mean KafkaVersion?)"));
        assertThat(result.schemaErrors().get("terraform/misspelled-required-key"))
                .contains("aws_msk_cluster.this: missing required argument kafka_version")
                .anySatisfy(e -> assertThat(e).contains("kafka_verison: unsupported argument (did you mean kafka_version?)"));
    }

    @Test
    void plaintextBetweenClientsAndBrokersIsRejected() {
        for (String format : new String[] {"cloudformation", "terraform"}) {
            assertThat(result.schemaErrors().get(format + "/plaintext-allowed")).as("valid for the provider").isEmpty();
            assertThat(result.violations().get(format + "/plaintext-allowed")).singleElement()
                    .satisfies(v -> assertThat(v).containsIgnoringCase("client_broker".replace("_", format.equals("terraform") ? "_" : ""))
                            .contains("TLS_PLAINTEXT"));
        }
    }

    @Test
    void ingressFromTheWholeInternetIsRejected() {
        assertThat(result.violations().get("cloudformation/open-to-the-internet"))
                .anySatisfy(v -> assertThat(v).contains("CidrIp = 0.0.0.0/0").contains("whole internet"))
                .anySatisfy(v -> assertThat(v).contains("no SourceSecurityGroupId"));
        assertThat(result.violations().get("terraform/open-to-the-internet"))
                .anySatisfy(v -> assertThat(v).contains("cidr_ipv4 = 0.0.0.0/0").contains("whole internet"));
    }

    @Test
    void wildcardPermissionsAreRejected() {
        assertThat(result.violations().get("cloudformation/wildcard-action"))
                .singleElement().satisfies(v -> assertThat(v).contains("kafka-cluster:*"));
        assertThat(result.violations().get("terraform/wildcard-resource"))
                .singleElement().satisfies(v -> assertThat(v).endsWith("name the exact cluster, topics and group").contains("/*"));
    }

    @Test
    void documentsThatDoNotParseAreRejectedWithTheirPosition() {
        assertThat(result.schemaErrors().get("cloudformation/not-yaml")).singleElement()
                .satisfies(e -> assertThat(e).startsWith("not-yaml.yaml:").containsPattern("at line \\d+, column \\d+$"));
        assertThat(result.schemaErrors().get("terraform/unclosed-block")).singleElement()
                .satisfies(e -> assertThat(e).contains("msk.tf").contains("Unclosed configuration block"));
    }
    // ---------------------------------------------------------------------------------- scaling changes (session 15)

    private static final String[] FORMATS = {"cloudformation", "terraform"};

    @Test
    void theScaleOutChangeIsAccepted() {
        for (String format : FORMATS) {
            assertThat(result.findings(format + "/change/scale-out")).as("%s: 3 -> 6 brokers, 100 -> 200 GiB", format)
                    .isEmpty();
        }
    }

    @Test
    void aBrokerCountThatIsNotAMultipleOfTheZonesIsRejected() {
        for (String format : FORMATS) {
            String change = format + "/change/brokers-not-a-multiple-of-zones";
            assertThat(result.schemaErrors().get(change)).as("valid for the provider").isEmpty();
            assertThat(result.violations().get(change)).singleElement().satisfies(v -> assertThat(v)
                    .contains("is 4: MSK needs a multiple of the 3 availability zones"));
        }
    }

    @Test
    void aStorageShrinkIsRejected() {
        for (String format : FORMATS) {
            String change = format + "/change/storage-shrink";
            assertThat(result.schemaErrors().get(change)).as("valid for the provider").isEmpty();
            assertThat(result.violations().get(change)).singleElement().satisfies(v -> assertThat(v)
                    .startsWith("change: ").contains("100 -> 80 GiB shrinks").contains("MSK cannot"));
        }
    }

    @Test
    void aMaximumCapacityBelowTheVolumeIsRejected() {
        for (String format : FORMATS) {
            String change = format + "/change/max-capacity-below-volume";
            assertThat(result.schemaErrors().get(change)).as("valid for the provider").isEmpty();
            assertThat(result.violations().get(change)).singleElement().satisfies(v -> assertThat(v)
                    .contains("is 80 GiB, not above the volume size (100 GiB)"));
        }
    }

    @Test
    void aStorageUtilizationTargetMskDoesNotAcceptIsRejected() {
        for (String format : FORMATS) {
            assertThat(result.violations().get(format + "/change/utilization-target-too-high")).singleElement()
                    .satisfies(v -> assertThat(v).contains("is 90: MSK accepts a storage utilization target of 10 to 80"));
        }
    }

    @Test
    void aMisspelledKeyOfTheScalingResourcesIsASchemaError() {
        assertThat(result.schemaErrors().get("cloudformation/change/misspelled-scaling-key"))
                .contains("Resources.StorageScalableTarget.Properties: missing required property MaxCapacity")
                .anySatisfy(e -> assertThat(e).contains("MaximumCapacity: unknown property"));
        assertThat(result.schemaErrors().get("terraform/change/misspelled-scaling-key"))
                .contains("aws_appautoscaling_target.storage: missing required argument max_capacity")
                .anySatisfy(e -> assertThat(e).contains("maximum_capacity: unsupported argument"));
    }

    @Test
    void terraformAutoScalingWithoutIgnoreChangesIsRejected() {
        String change = "terraform/change/auto-scaling-without-ignore-changes";
        assertThat(result.schemaErrors().get(change)).as("valid for the provider").isEmpty();
        assertThat(result.violations().get(change)).singleElement().satisfies(v -> assertThat(v)
                .contains("no lifecycle { ignore_changes").contains("a shrink MSK refuses"));
    }
}
