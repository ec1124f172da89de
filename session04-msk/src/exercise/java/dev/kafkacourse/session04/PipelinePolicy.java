package dev.kafkacourse.session04;

import java.util.List;

/**
 * The least-privilege IAM policy for one application of the pipeline on an MSK cluster with IAM access control.
 */
public final class PipelinePolicy {

    private PipelinePolicy() {
    }

    /**
     * The statements that let {@code access.application()} do exactly what {@code access} says on the cluster
     * {@code clusterArn} ({@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}) and nothing else.
     * A string that is not an MSK cluster ARN: IllegalArgumentException naming the expected form.
     */
    public static List<PolicyStatement> statements(String clusterArn, PipelineAccess access) {
        throw new UnsupportedOperationException("TODO: the kafka-cluster actions each application needs, on the "
                + "cluster, topic and group ARNs derived from the cluster ARN, and nothing more");
    }
}
