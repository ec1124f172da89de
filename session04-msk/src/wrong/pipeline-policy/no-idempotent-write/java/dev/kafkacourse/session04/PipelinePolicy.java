// Known-wrong answer: leaves out WriteDataIdempotently: Kafka clients are idempotent by default, so every send of the collector is refused with ClusterAuthorizationException
package dev.kafkacourse.session04;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least-privilege IAM policy for one application of the pipeline on an MSK cluster with IAM access control.
 */
public final class PipelinePolicy {

    private static final Pattern CLUSTER_ARN =
            Pattern.compile("arn:(aws[a-z-]*):kafka:([a-z0-9-]+):(\\d{12}):cluster/([^/]+)/([^/]+)");

    private PipelinePolicy() {
    }

    /**
     * The statements that let {@code access.application()} do exactly what {@code access} says on the cluster
     * {@code clusterArn} ({@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}) and nothing else.
     */
    public static List<PolicyStatement> statements(String clusterArn, PipelineAccess access) {
        Matcher arn = CLUSTER_ARN.matcher(clusterArn);
        if (!arn.matches()) {
            throw new IllegalArgumentException("Not an MSK cluster ARN: " + clusterArn
                    + " (expected arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID)");
        }
        // Topics and groups are resources of their own, named after the cluster's name and UUID.
        String prefix = "arn:" + arn.group(1) + ":kafka:" + arn.group(2) + ":" + arn.group(3) + ":";
        String cluster = arn.group(4) + "/" + arn.group(5);

        List<PolicyStatement> statements = new ArrayList<>();
        List<String> clusterActions = new ArrayList<>(List.of("kafka-cluster:Connect"));
        statements.add(PolicyStatement.allow("Connect", clusterActions, List.of(clusterArn)));
        if (!access.readTopics().isEmpty()) {
            statements.add(PolicyStatement.allow("Read", List.of("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"),
                    access.readTopics().stream().map(t -> prefix + "topic/" + cluster + "/" + t).toList()));
            statements.add(PolicyStatement.allow("Group", List.of("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"),
                    List.of(prefix + "group/" + cluster + "/" + access.group())));
        }
        if (!access.writeTopics().isEmpty()) {
            statements.add(PolicyStatement.allow("Write", List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"),
                    access.writeTopics().stream().map(t -> prefix + "topic/" + cluster + "/" + t).toList()));
        }
        return statements;
    }
}
