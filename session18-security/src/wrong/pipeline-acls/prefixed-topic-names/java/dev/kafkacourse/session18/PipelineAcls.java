// Known-wrong answer: topic ACLs as PREFIXED patterns "to cover future topics": the collector's WRITE on ad-events also matches ad-events-dlq, so it can write dead letters
package dev.kafkacourse.session18;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** Exercise 1 (core): least-privilege ACLs for the pipeline's principals. */
public final class PipelineAcls {

    private PipelineAcls() {
    }

    public static List<AclBinding> leastPrivilege(Pipeline pipeline) {
        List<AclBinding> acls = new ArrayList<>();
        // Collector: WRITE implies DESCRIBE; idempotent producers need no cluster ACL since Kafka 3.0.
        acls.add(allow(pipeline.collector(), topic(pipeline.events()), AclOperation.WRITE));

        // Stats app: a consumer needs READ on the topic and on its group (joining and committing).
        String stats = pipeline.statsApp();
        acls.add(allow(stats, topic(pipeline.events()), AclOperation.READ));
        acls.add(allow(stats, group(pipeline.statsGroup()), AclOperation.READ));
        acls.add(allow(stats, topic(pipeline.stats()), AclOperation.WRITE));
        acls.add(allow(stats, topic(pipeline.deadLetters()), AclOperation.WRITE));
        // One transactional id per instance, all sharing the prefix: PREFIXED, not LITERAL.
        acls.add(allow(stats, new ResourcePattern(ResourceType.TRANSACTIONAL_ID,
                pipeline.statsTransactionalIdPrefix(), PatternType.PREFIXED), AclOperation.WRITE));

        // Replayer: reads the DLQ in its group, publishes back to the events topic.
        String replayer = pipeline.replayer();
        acls.add(allow(replayer, topic(pipeline.deadLetters()), AclOperation.READ));
        acls.add(allow(replayer, group(pipeline.replayerGroup()), AclOperation.READ));
        acls.add(allow(replayer, topic(pipeline.events()), AclOperation.WRITE));

        // Operator: metadata and lag of everything, no records, no changes.
        String operator = pipeline.operator();
        ResourcePattern allTopics = new ResourcePattern(ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE,
                PatternType.LITERAL);
        acls.add(allow(operator, allTopics, AclOperation.DESCRIBE));
        acls.add(allow(operator, allTopics, AclOperation.DESCRIBE_CONFIGS));
        acls.add(allow(operator, new ResourcePattern(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE,
                PatternType.LITERAL), AclOperation.DESCRIBE));
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.PREFIXED);
    }

    private static ResourcePattern group(String name) {
        return new ResourcePattern(ResourceType.GROUP, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource,
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
