package dev.kafkacourse.session18;

import static dev.kafkacourse.session18.SecureTesting.assertAllowed;
import static dev.kafkacourse.session18.SecureTesting.assertDenied;
import static dev.kafkacourse.session18.SecureTesting.probeAll;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2: a team's prefixed ACLs on the real broker. A second team's name starts with the first team's name
 * ({@code ads} and {@code adsales}), so a prefix without its separator shows.
 */
class TeamPrefixAclsTest {

    private static SecureKafkaCluster cluster;
    private static KafkaFixture kafka;
    private static String team;
    private static String otherTeam;
    private static String user;
    private static boolean applied;
    private static RuntimeException applyFailure;

    @BeforeAll
    static void createTeamsAndTopics() throws Exception {
        cluster = SecureKafkaCluster.shared();
        kafka = KafkaFixture.on(cluster, "team-prefix-acls");
        team = kafka.groupId("ads");
        otherTeam = team + "ales";
        user = SecureKafkaCluster.uniqueUserName("team-ads");
        cluster.createUser(user);
        kafka.admin().createTopics(List.of(new NewTopic(team + ".impressions", 1, (short) 1),
                new NewTopic(otherTeam + ".events", 1, (short) 1))).all().get();
        try (var producer = Probes.producer(cluster.clientProperties(SecureKafkaCluster.SUPER_USER), Map.of())) {
            producer.send(new ProducerRecord<>(team + ".impressions", "seed", "impression")).get();
            producer.send(new ProducerRecord<>(otherTeam + ".events", "seed", "event")).get();
        }
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static synchronized Map<String, Object> asTeam() {
        if (!applied && applyFailure == null) {
            try {
                cluster.createAcls(TeamPrefixAcls.forTeam(team, user));
                applied = true;
            } catch (RuntimeException e) {
                applyFailure = e;
            }
        }
        if (applyFailure != null) {
            throw applyFailure;
        }
        return cluster.clientProperties(user);
    }

    @Test
    void theTeamCreatesWritesAndReadsItsOwnTopicsInItsOwnGroups() {
        Map<String, Object> client = asTeam();
        List<Outcome> outcomes = probeAll(
                () -> Probes.createTopic(client, team + ".clicks"),
                () -> Probes.produce(client, team + ".impressions"),
                () -> Probes.consume(client, team + ".impressions", team + ".reporting"));
        assertAllowed("creating " + team + ".clicks", outcomes.get(0));
        assertAllowed("writing " + team + ".impressions", outcomes.get(1));
        assertAllowed("reading " + team + ".impressions in group " + team + ".reporting", outcomes.get(2));
    }

    @Test
    void theTeamReachesNothingOfATeamWhoseNameStartsTheSame() {
        Map<String, Object> client = asTeam();
        List<Outcome> outcomes = probeAll(
                () -> Probes.createTopic(client, otherTeam + ".clicks"),
                () -> Probes.produce(client, otherTeam + ".events"),
                () -> Probes.consume(client, team + ".impressions", otherTeam + ".reporting"));
        assertDenied("creating " + otherTeam + ".clicks", outcomes.get(0), TopicAuthorizationException.class);
        assertDenied("writing " + otherTeam + ".events", outcomes.get(1), TopicAuthorizationException.class);
        assertDenied("reading own topic in " + otherTeam + "'s group " + otherTeam + ".reporting", outcomes.get(2),
                GroupAuthorizationException.class);
    }

    @Test
    void theTeamCannotDeleteOrReconfigureItsTopics() {
        Map<String, Object> client = asTeam();
        List<Outcome> outcomes = probeAll(
                () -> Probes.deleteTopic(client, team + ".impressions"),
                () -> Probes.alterTopicConfig(client, team + ".impressions"));
        assertDenied("deleting " + team + ".impressions", outcomes.get(0), TopicAuthorizationException.class);
        assertDenied("changing retention of " + team + ".impressions", outcomes.get(1),
                TopicAuthorizationException.class);
    }
}
