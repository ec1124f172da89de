package dev.kafkacourse.session08;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group as the group coordinator sees it: what {@code kafka-consumer-groups.sh --describe --members
 * --verbose} prints.
 *
 * @param groupId  the group
 * @param state    e.g. {@link GroupState#STABLE}, {@link GroupState#EMPTY} (no members, offsets kept)
 * @param assignor the assignment strategy the members agreed on (e.g. {@code range}); empty without members
 * @param members  the members, sorted by client id
 */
public record GroupView(String groupId, GroupState state, String assignor, List<Member> members) {

    /** One member: its ids, where it runs, and the partitions it owns. */
    public record Member(String memberId, String clientId, String host, Set<TopicPartition> partitions) {

        public Member {
            partitions = Set.copyOf(partitions);
        }
    }

    public GroupView {
        members = List.copyOf(members);
    }

    /** Client id → owned partitions. */
    public Map<String, Set<TopicPartition>> partitionsByClientId() {
        Map<String, Set<TopicPartition>> byClient = new TreeMap<>();
        members.forEach(member -> byClient.put(member.clientId(), member.partitions()));
        return byClient;
    }
}
