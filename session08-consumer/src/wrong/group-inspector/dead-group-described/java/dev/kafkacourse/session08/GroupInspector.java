// Known-wrong answer: describes a group the broker reports as DEAD as if it existed, so a typo in the group id looks like an empty group
package dev.kafkacourse.session08;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** A learner's answer to exercise 3 with a classic mistake (see the first line). */
public final class GroupInspector {

    private GroupInspector() {
    }

    public static GroupView describe(Admin admin, String groupId) {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                throw noSuchGroup(groupId);
            }
            throw new IllegalStateException("Could not describe consumer group " + groupId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing consumer group " + groupId, e);
        }
        List<GroupView.Member> members = description.members().stream()
                .map(m -> new GroupView.Member(m.consumerId(), m.clientId(), m.host(), m.assignment().topicPartitions()))
                .sorted(Comparator.comparing(GroupView.Member::clientId))
                .toList();
        return new GroupView(description.groupId(), description.groupState(), description.partitionAssignor(), members);
    }

    private static IllegalArgumentException noSuchGroup(String groupId) {
        return new IllegalArgumentException("There is no consumer group '" + groupId
                + "': no member has joined it and it has no committed offsets");
    }
}
