package dev.kafkacourse.session04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy is judged the way IAM judges a request: each thing an application must do is allowed, everything
 * else (other topics, other groups, other clusters, administration) is not.
 */
class PipelinePolicyTest {

    private static final String REGION_ACCOUNT = "arn:aws:kafka:ap-northeast-2:111122223333:";
    private static final String CLUSTER = REGION_ACCOUNT + "cluster/ad-stats/6f0e5d1c-2b3a-4c5d-9e8f-1a2b3c4d5e6f-3";
    private static final String ID = "ad-stats/6f0e5d1c-2b3a-4c5d-9e8f-1a2b3c4d5e6f-3";
    private static final String OTHER_CLUSTER_ID = "ad-stats/0000aaaa-1111-2222-3333-444455556666-1";

    private static String topic(String name) {
        return REGION_ACCOUNT + "topic/" + ID + "/" + name;
    }

    private static String group(String name) {
        return REGION_ACCOUNT + "group/" + ID + "/" + name;
    }

    private static IamPolicyEvaluator policy(PipelineAccess access) {
        return new IamPolicyEvaluator(PipelinePolicy.statements(CLUSTER, access));
    }

    @Test
    void collectorConnectsAndProducesIdempotentlyToItsTopicOnly() {
        IamPolicyEvaluator collector = policy(PipelineAccess.collector());

        assertThat(collector.allows("kafka-cluster:Connect", CLUSTER)).as("Connect on the cluster").isTrue();
        assertThat(collector.allows("kafka-cluster:WriteDataIdempotently", CLUSTER))
                .as("WriteDataIdempotently on the cluster (producers are idempotent by default)").isTrue();
        assertThat(collector.allows("kafka-cluster:WriteData", topic("ad-events"))).as("WriteData on ad-events").isTrue();
        assertThat(collector.allows("kafka-cluster:DescribeTopic", topic("ad-events"))).as("DescribeTopic on ad-events").isTrue();

        assertThat(collector.allows("kafka-cluster:WriteData", topic("ad-stats-1m"))).as("WriteData on another topic").isFalse();
        assertThat(collector.allows("kafka-cluster:ReadData", topic("ad-events"))).as("ReadData: it only produces").isFalse();
        assertThat(collector.allows("kafka-cluster:AlterGroup", group("ad-stats"))).as("a group: it reads nothing").isFalse();
    }

    @Test
    void statsAppReadsInItsGroupAndWritesStatsAndDeadLetters() {
        IamPolicyEvaluator stats = policy(PipelineAccess.statsApp());

        assertThat(stats.allows("kafka-cluster:Connect", CLUSTER)).isTrue();
        assertThat(stats.allows("kafka-cluster:ReadData", topic("ad-events"))).as("ReadData on ad-events").isTrue();
        assertThat(stats.allows("kafka-cluster:DescribeTopic", topic("ad-events"))).as("DescribeTopic on ad-events").isTrue();
        assertThat(stats.allows("kafka-cluster:AlterGroup", group("ad-stats"))).as("AlterGroup (join, commit) on its group").isTrue();
        assertThat(stats.allows("kafka-cluster:DescribeGroup", group("ad-stats"))).as("DescribeGroup on its group").isTrue();
        for (String output : List.of("ad-stats-1m", "ad-events-dlq")) {
            assertThat(stats.allows("kafka-cluster:WriteData", topic(output))).as("WriteData on " + output).isTrue();
            assertThat(stats.allows("kafka-cluster:DescribeTopic", topic(output))).as("DescribeTopic on " + output).isTrue();
        }
        assertThat(stats.allows("kafka-cluster:WriteDataIdempotently", CLUSTER)).isTrue();

        assertThat(stats.allows("kafka-cluster:WriteData", topic("ad-events"))).as("WriteData on its input").isFalse();
        assertThat(stats.allows("kafka-cluster:ReadData", topic("ad-stats-1m"))).as("ReadData on its output").isFalse();
        assertThat(stats.allows("kafka-cluster:AlterGroup", group("billing"))).as("another team's group").isFalse();
        assertThat(stats.allows("kafka-cluster:ReadData", topic("billing-events"))).as("another team's topic").isFalse();
    }

    @Test
    void aReaderThatWritesNothingMayNotWriteAtAll() {
        PipelineAccess auditor = new PipelineAccess("auditor", List.of("ad-stats-1m"), List.of(), "auditor");
        IamPolicyEvaluator policy = policy(auditor);

        assertThat(policy.allows("kafka-cluster:ReadData", topic("ad-stats-1m"))).isTrue();
        assertThat(policy.allows("kafka-cluster:AlterGroup", group("auditor"))).isTrue();
        assertThat(policy.allows("kafka-cluster:WriteDataIdempotently", CLUSTER))
                .as("WriteDataIdempotently for an application that never produces").isFalse();
        assertThat(policy.allows("kafka-cluster:WriteData", topic("ad-stats-1m"))).isFalse();
    }

    @Test
    void noApplicationMayAdministerTheClusterOrTouchAnotherCluster() {
        for (PipelineAccess access : List.of(PipelineAccess.collector(), PipelineAccess.statsApp())) {
            IamPolicyEvaluator policy = policy(access);
            String who = access.application() + ": ";
            for (String action : List.of("kafka-cluster:CreateTopic", "kafka-cluster:DeleteTopic", "kafka-cluster:AlterTopic")) {
                assertThat(policy.allows(action, topic("ad-events"))).as(who + action + " on ad-events").isFalse();
            }
            assertThat(policy.allows("kafka-cluster:DeleteGroup", group("ad-stats"))).as(who + "DeleteGroup").isFalse();
            assertThat(policy.allows("kafka-cluster:AlterCluster", CLUSTER)).as(who + "AlterCluster").isFalse();
            assertThat(policy.allows("kafka-cluster:AlterClusterDynamicConfiguration", CLUSTER)).as(who + "AlterClusterDynamicConfiguration").isFalse();
            assertThat(policy.allows("kafka-cluster:Connect", REGION_ACCOUNT + "cluster/" + OTHER_CLUSTER_ID))
                    .as(who + "Connect to a new cluster of the same name (other UUID)").isFalse();
            assertThat(policy.allows("kafka-cluster:DescribeTopic", REGION_ACCOUNT + "topic/" + OTHER_CLUSTER_ID + "/ad-events"))
                    .as(who + "a topic of another cluster").isFalse();
        }
    }

    @Test
    void statementsUseTheDataPlaneActionsAndNoWildcards() {
        List<PolicyStatement> statements = PipelinePolicy.statements(CLUSTER, PipelineAccess.statsApp());

        assertThat(statements).isNotEmpty().allSatisfy(s -> {
            assertThat(s.effect()).isEqualTo("Allow");
            assertThat(s.actions()).as("actions of " + s.sid()).isNotEmpty()
                    .allSatisfy(a -> assertThat(a).startsWith("kafka-cluster:").doesNotContain("*"));
            assertThat(s.resources()).as("resources of " + s.sid()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r).startsWith("arn:aws:kafka:").doesNotContain("*"));
        });
    }

    @Test
    void arnsComeFromTheGivenClusterNotFromTheExample() {
        String cluster = "arn:aws:kafka:us-east-1:444455556666:cluster/pipeline-b/abcd1234-0000-1111-2222-333344445555-7";
        String prefix = "arn:aws:kafka:us-east-1:444455556666:";
        String id = "pipeline-b/abcd1234-0000-1111-2222-333344445555-7";
        PipelineAccess access = new PipelineAccess("reporter", List.of("clicks"), List.of("reports"), "reporting");
        IamPolicyEvaluator policy = new IamPolicyEvaluator(PipelinePolicy.statements(cluster, access));

        assertThat(policy.allows("kafka-cluster:Connect", cluster)).isTrue();
        assertThat(policy.allows("kafka-cluster:ReadData", prefix + "topic/" + id + "/clicks")).isTrue();
        assertThat(policy.allows("kafka-cluster:AlterGroup", prefix + "group/" + id + "/reporting")).isTrue();
        assertThat(policy.allows("kafka-cluster:WriteData", prefix + "topic/" + id + "/reports")).isTrue();
        assertThat(policy.allows("kafka-cluster:WriteData", prefix + "topic/" + id + "/clicks")).isFalse();
    }

    @Test
    void somethingThatIsNotAClusterArnIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> PipelinePolicy.statements(REGION_ACCOUNT + "topic/" + ID + "/ad-events", PipelineAccess.collector()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster/");
        assertThatThrownBy(() -> PipelinePolicy.statements("ad-stats", PipelineAccess.collector()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ad-stats");
    }
}
