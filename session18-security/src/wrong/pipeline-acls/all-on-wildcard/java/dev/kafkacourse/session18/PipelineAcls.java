// Known-wrong answer: every principal gets ALL on every topic, group and transactional id ("*"): everything works, and every principal can read, write and delete everything
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
        // "It works now": one rule per resource type per principal.
        List<AclBinding> acls = new ArrayList<>();
        for (String user : pipeline.users()) {
            for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
                acls.add(allow(user, new ResourcePattern(type, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL),
                        AclOperation.ALL));
            }
        }
        return acls;
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern group(String name) {
        return new ResourcePattern(ResourceType.GROUP, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource,
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
