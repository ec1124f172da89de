package dev.kafkacourse.session08;

import org.apache.kafka.clients.admin.Admin;

/**
 * Exercise 3: see a consumer group the way the broker does. When a dashboard stalls, the first questions are
 * "is the group stable, and who owns which partition?"; {@code kafka-consumer-groups.sh --describe --members
 * --verbose} answers them, and so does {@code Admin.describeConsumerGroups}.
 */
public final class GroupInspector {

    private GroupInspector() {
    }

    /**
     * The group {@code groupId} as its coordinator sees it: state ({@code groupState()}), the assignor the members
     * use ({@code partitionAssignor()}), and every member with its member id, client id, host and assigned
     * partitions, the members sorted by client id.
     *
     * @throws IllegalArgumentException if there is no such group (its state is {@code DEAD}, or the broker answers
     *                                  {@code GroupIdNotFoundException}); the message names the group
     * @throws IllegalStateException    if the broker cannot be asked; the message names the group and the cause
     */
    public static GroupView describe(Admin admin, String groupId) {
        // TODO: ask the group coordinator through the Admin client, then map its answer to GroupView.
        throw new UnsupportedOperationException("TODO session08 exercise 3: implement GroupInspector.describe");
    }
}
