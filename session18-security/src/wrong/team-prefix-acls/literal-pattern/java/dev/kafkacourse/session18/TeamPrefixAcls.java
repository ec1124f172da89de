// Known-wrong answer: the team prefix is written as a LITERAL resource name: it matches only a topic named exactly "ads.", none of the team's topics
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

/** Exercise 2: self-service for a team through prefixed ACLs. */
public final class TeamPrefixAcls {

    private TeamPrefixAcls() {
    }

    public static List<AclBinding> forTeam(String team, String user) {
        // The separator belongs to the prefix: "ads" alone would also match "adsales.events".
        String prefix = team + ".";
        ResourcePattern topics = new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.LITERAL);
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, prefix, PatternType.LITERAL);
        List<AclBinding> acls = new ArrayList<>();
        // Listed operations, not ALL: ALL would include DELETE and ALTER_CONFIGS.
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(user, topics, operation));
        }
        acls.add(allow(user, groups, AclOperation.READ));
        return acls;
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource,
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
