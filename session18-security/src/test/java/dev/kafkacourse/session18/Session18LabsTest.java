package dev.kafkacourse.session18;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.security.SecureKafkaCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the shared secure broker as a learner runs them. */
class Session18LabsTest {

    private static KafkaFixture kafka;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void secureBroker() {
        kafka = KafkaFixture.on(SecureKafkaCluster.shared(), "session18-labs");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @AfterEach
    void showOutput() {
        System.out.println(output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachTlsOrSaslMistakeIsRefusedByTheLayerItBelongsTo() {
        TlsFailuresLab.Result result = TlsFailuresLab.run(kafka, out);

        List<Outcome> attempts = List.copyOf(result.attempts().values());
        assertThat(attempts.get(0).allowed()).as("right settings: %s", attempts.get(0)).isTrue();
        assertThat(attempts.get(1).error()).as("wrong password").isInstanceOf(SaslAuthenticationException.class);
        assertThat(attempts.get(2).error()).as("unknown user").isInstanceOf(SaslAuthenticationException.class);
        // The broker does not tell a wrong password from an unknown user.
        assertThat(attempts.get(2).error().getMessage()).isEqualTo(attempts.get(1).error().getMessage());
        assertThat(attempts.get(3).error()).as("no trust store").isInstanceOf(SslAuthenticationException.class);
        assertThat(attempts.get(4).error()).as("foreign CA").isInstanceOf(SslAuthenticationException.class);
        assertThat(attempts.get(5).allowed()).as("no JAAS config").isFalse();
        assertThat(attempts.get(5).error()).hasMessageContaining("JAAS").hasMessageContaining("KafkaClient");
        assertThat(attempts.get(6).error()).as("PLAIN mechanism")
                .isInstanceOf(org.apache.kafka.common.errors.UnsupportedSaslMechanismException.class);
        assertThat(attempts.get(7).error()).as("PLAINTEXT client").isInstanceOf(TimeoutException.class);
    }

    @Test
    void eachAuthorizationErrorNamesTheAclThatIsMissing() throws Exception {
        AuthorizationErrorsLab.Result result = AuthorizationErrorsLab.run(kafka, out);

        assertThat(result.steps()).extracting(step -> step.outcome().allowed() ? "allowed"
                : step.outcome().error().getClass().getSimpleName()).containsExactly(
                TopicAuthorizationException.class.getSimpleName(), GroupAuthorizationException.class.getSimpleName(),
                "allowed", TransactionalIdAuthorizationException.class.getSimpleName(),
                TopicAuthorizationException.class.getSimpleName(), "allowed");
        assertThat(result.finalAcls()).hasSize(4).allSatisfy(acl ->
                assertThat(acl.entry().principal()).isEqualTo(result.principal()));
    }

    @Test
    void theMatrixShowsAccessThatNoLiteralRuleNames() throws Exception {
        AclMatrixLab.Result result = AclMatrixLab.run(kafka, out);
        Pipeline p = result.pipeline();

        assertThat(result.described()).hasSize(AclMatrixLab.foundAcls(p).size());
        // The prefix meant for ad-events also covers ad-events-dlq.
        assertThat(result.cell(p.collector(), p.deadLetters(), AclOperation.WRITE).allowed()).isTrue();
        assertThat(result.namedByARule().get(p.collector()).get(AclMatrixLab.column(p.deadLetters(),
                AclOperation.WRITE))).isFalse();
        assertThat(result.cell(p.collector(), p.stats(), AclOperation.WRITE).allowed()).isFalse();
        // ALL on * lets the operator write everywhere; DENY READ wins over ALL.
        for (String topic : p.topics()) {
            assertThat(result.cell(p.operator(), topic, AclOperation.WRITE).allowed()).as("operator W %s", topic)
                    .isTrue();
            assertThat(result.cell(p.operator(), topic, AclOperation.READ).error()).as("operator R %s", topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(result.cell(p.statsApp(), p.events(), AclOperation.READ).allowed()).isTrue();
        assertThat(result.cell(p.statsApp(), p.deadLetters(), AclOperation.READ).allowed()).isFalse();
        assertThat(result.cell(p.replayer(), p.deadLetters(), AclOperation.READ).allowed()).isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("!allowed");
    }

    @Test
    void aClientCertificateIsTheSamePrincipalAsTheScramUserOfThatName() throws Exception {
        MutualTlsLab.Result result = MutualTlsLab.run(kafka, out);

        assertThat(result.certificateSubject()).isEqualTo("CN=" + result.user() + ",OU=kafka-course");
        List<Outcome> attempts = List.copyOf(result.attempts().values());
        assertThat(attempts.get(0).allowed()).as("SCRAM: %s", attempts.get(0)).isTrue();
        assertThat(attempts.get(1).allowed()).as("mTLS: %s", attempts.get(1)).isTrue();
        assertThat(attempts.get(2).error()).isInstanceOf(SslAuthenticationException.class);
        assertThat(attempts.get(3).error()).isInstanceOf(AuthorizationException.class);
    }
}
