package dev.kafkacourse.session08;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Exercise 3: GroupInspector.describe. */
@KafkaTest
class GroupInspectorTest {

    @Test
    void aStableGroupShowsItsAssignorAndWhoOwnsWhat(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 4);
        String group = kafka.groupId("dashboard");
        List<KafkaConsumer<String, String>> members = List.of(member(kafka, group, "b-reader"),
                member(kafka, group, "a-reader"));
        members.forEach(member -> member.subscribe(List.of(topic)));
        // One thread polls both in turn: each must keep polling to stay in the group.
        Awaitility.await("both members have partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO)
                .until(() -> {
                    members.forEach(member -> member.poll(Duration.ofMillis(50)));
                    return members.stream().noneMatch(member -> member.assignment().isEmpty());
                });

        GroupView view = GroupInspector.describe(kafka.admin(), group);

        assertThat(view.groupId()).isEqualTo(group);
        assertThat(view.state()).isEqualTo(GroupState.STABLE);
        assertThat(view.assignor()).isEqualTo("roundrobin");
        assertThat(view.members()).extracting(GroupView.Member::clientId)
                .as("sorted by client id").containsExactly("a-reader", "b-reader");
        assertThat(view.members()).allSatisfy(member -> {
            assertThat(member.memberId()).startsWith(member.clientId());
            assertThat(member.host()).isNotBlank();
        });
        assertThat(view.partitionsByClientId()).isEqualTo(Map.of(
                "b-reader", members.get(0).assignment(), "a-reader", members.get(1).assignment()));
    }

    @Test
    void aGroupWithoutMembersButWithOffsetsIsEmpty(KafkaFixture kafka) {
        String topic = kafka.createTopic("ad-events", 2);
        String group = kafka.groupId("billing");
        KafkaConsumer<String, String> consumer = kafka.stringConsumer(group);
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)));

        GroupView view = GroupInspector.describe(kafka.admin(), group);

        assertThat(view.state()).isEqualTo(GroupState.EMPTY);
        assertThat(view.members()).isEmpty();
    }

    @Test
    void anUnknownGroupIsAClearError(KafkaFixture kafka) {
        String group = kafka.groupId("nobody");

        assertThatThrownBy(() -> GroupInspector.describe(kafka.admin(), group))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(group);
    }

    // The broker decides the order of members and which of two answers an unknown group gets; these fakes show
    // each case to the inspector, whatever the broker at hand does.

    @Test
    void membersAreSortedByClientIdInWhateverOrderTheBrokerSendsThem() {
        String group = "dashboard";
        Admin admin = answering(group, KafkaFuture.completedFuture(description(group, GroupState.STABLE,
                List.of(fakeMember("c-reader"), fakeMember("a-reader"), fakeMember("b-reader")))));

        GroupView view = GroupInspector.describe(admin, group);

        assertThat(view.members()).extracting(GroupView.Member::clientId)
                .containsExactly("a-reader", "b-reader", "c-reader");
    }

    @Test
    void aGroupTheBrokerReportsAsDeadIsNoSuchGroup() {
        String group = "dashbaord";
        Admin admin = answering(group, KafkaFuture.completedFuture(description(group, GroupState.DEAD, List.of())));

        assertThatThrownBy(() -> GroupInspector.describe(admin, group))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(group);
    }

    @Test
    void groupIdNotFoundIsNoSuchGroup() {
        String group = "dashbaord";
        Admin admin = answering(group, failed(new GroupIdNotFoundException("Group " + group + " not found.")));

        assertThatThrownBy(() -> GroupInspector.describe(admin, group))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(group);
    }

    @Test
    void aBrokerThatCannotAnswerIsNotReportedAsAMissingGroup() {
        String group = "billing";
        Admin admin = answering(group, failed(new GroupAuthorizationException("Not authorized to access group")));

        assertThatThrownBy(() -> GroupInspector.describe(admin, group))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(group);
    }

    /** An Admin that answers describeConsumerGroups for {@code group} with {@code answer}, and nothing else. */
    private static Admin answering(String group, KafkaFuture<ConsumerGroupDescription> answer) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeConsumerGroups" -> new DescribeConsumerGroupsResult(Map.of(group, answer));
                    case "close" -> null;
                    case "toString" -> "fake Admin";
                    default -> throw new UnsupportedOperationException("fake Admin: " + method.getName());
                });
    }

    private static ConsumerGroupDescription description(String group, GroupState state,
            List<MemberDescription> members) {
        return new ConsumerGroupDescription(group, false, members, members.isEmpty() ? "" : "range",
                GroupType.CLASSIC, state, new Node(1, "localhost", 9092), Set.of(), Optional.empty(),
                Optional.empty());
    }

    @SuppressWarnings("deprecation")
    private static MemberDescription fakeMember(String clientId) {
        return new MemberDescription(clientId + "-" + UUID.randomUUID(), Optional.empty(), clientId, "/10.0.0.7",
                new MemberAssignment(Set.of()));
    }

    private static <T> KafkaFuture<T> failed(Exception cause) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(cause);
        return future;
    }

    private static KafkaConsumer<String, String> member(KafkaFixture kafka, String group, String clientId) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        overrides.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RoundRobinAssignor.class.getName());
        return kafka.consumer(group, overrides, new StringDeserializer(), new StringDeserializer());
    }
}
