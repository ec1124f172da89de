// Known-wrong answer: uses the kafka: prefix of the MSK management API (kafka:DescribeCluster, ...) instead of the kafka-cluster: data-plane actions that IAM access control checks
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
        List<String> clusterActions = new ArrayList<>(List.of("kafka:Connect"));
        if (!access.writeTopics().isEmpty()) {
            // Producers are idempotent by default since Kafka 3.0: without this the first send is refused.
            clusterActions.add("kafka:WriteDataIdempotently");
        }
        statements.add(PolicyStatement.allow("Connect", clusterActions, List.of(clusterArn)));
        if (!access.readTopics().isEmpty()) {
            statements.add(PolicyStatement.allow("Read", List.of("kafka:DescribeTopic", "kafka:ReadData"),
                    access.readTopics().stream().map(t -> prefix + "topic/" + cluster + "/" + t).toList()));
            statements.add(PolicyStatement.allow("Group", List.of("kafka:DescribeGroup", "kafka:AlterGroup"),
                    List.of(prefix + "group/" + cluster + "/" + access.group())));
        }
        if (!access.writeTopics().isEmpty()) {
            statements.add(PolicyStatement.allow("Write", List.of("kafka:DescribeTopic", "kafka:WriteData"),
                    access.writeTopics().stream().map(t -> prefix + "topic/" + cluster + "/" + t).toList()));
        }
        return statements;
    }
}
