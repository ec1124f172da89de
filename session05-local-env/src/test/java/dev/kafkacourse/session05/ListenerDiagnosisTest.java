package dev.kafkacourse.session05;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Exercise 3: ListenerDiagnosis. Start-up errors are Kafka's own, produced here from each broken config by
 * {@code kafka.server.KafkaConfig} (the check {@code kafka-server-start.sh} makes first); client errors are the
 * lines the {@code broken-listener} lab printed.
 */
class ListenerDiagnosisTest {

    @Test
    void aListenerWithoutASecurityProtocol() {
        Map<String, String> config = broker("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT");

        ListenerFix fix = diagnose(config, startupError(config));

        assertThat(fix.setting()).isEqualTo("listener.security.protocol.map");
        assertThat(fix.fix()).contains("EXTERNAL:");
    }

    @Test
    void aTypoInAdvertisedListenersThatKafkaReportsAsAMissingProtocol() {
        Map<String, String> config = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTRENAL://localhost:39092");
        String error = startupError(config);
        assertThat(error).as("Kafka's message points at the protocol map").contains("No security protocol defined");

        ListenerFix fix = diagnose(config, error);

        assertThat(fix.setting()).isEqualTo("advertised.listeners");
        assertThat(fix.fix()).contains("EXTRENAL").contains("EXTERNAL");
    }

    @Test
    void anInterBrokerListenerThatDoesNotExist() {
        Map<String, String> config = broker("inter.broker.listener.name", "PLAINTEXT");

        ListenerFix fix = diagnose(config, startupError(config));

        assertThat(fix.setting()).isEqualTo("inter.broker.listener.name");
        assertThat(fix.fix()).contains("PLAINTEXT").contains("INTERNAL");
    }

    @Test
    void advertisingTheWildcardAddress() {
        Map<String, String> config = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://0.0.0.0:39092");

        ListenerFix fix = diagnose(config, startupError(config));

        assertThat(fix.setting()).isEqualTo("advertised.listeners");
        assertThat(fix.fix()).contains("EXTERNAL");
    }

    @Test
    void advertisingNoHostAtAll() {
        Map<String, String> config = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://:39092");

        ListenerFix fix = diagnose(config, "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a "
                + "node assignment. Call: describeTopics");

        assertThat(fix.setting()).isEqualTo("advertised.listeners");
        assertThat(fix.fix()).contains("EXTERNAL");
    }

    @Test
    void twoListenersOnOnePort() {
        Map<String, String> config = broker("listeners", "INTERNAL://:9092,EXTERNAL://:9092");
        config.put("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://localhost:9092");

        ListenerFix fix = diagnose(config, startupError(config));

        assertThat(fix.setting()).isEqualTo("listeners");
        assertThat(fix.fix()).contains("9092");
    }

    @Test
    void aBrokerListeningOnTheControllerListener() {
        Map<String, String> config = broker("listeners", "INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://:9093");

        ListenerFix fix = diagnose(config, startupError(config));

        assertThat(fix.setting()).isEqualTo("listeners");
        assertThat(fix.fix()).contains("CONTROLLER");
    }

    @Test
    void aClientThatCannotResolveTheAdvertisedContainerName() {
        Map<String, String> config = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://broker-0:39092");
        assertThat(BrokenListenerLab.startupError(config)).as("Kafka starts this broker").isNull();
        String clientLog = "Error connecting to node broker-0:39092 (id: 0 rack: null isFenced: false) "
                + "(java.net.UnknownHostException: broker-0: Name or service not known)";

        ListenerFix fix = diagnose(config, clientLog);

        assertThat(fix.setting()).isEqualTo("advertised.listeners");
        assertThat(fix.fix()).contains("EXTERNAL").contains("broker-0");
    }

    @Test
    void aClientToldToUseTheContainerPortInsteadOfThePublishedOne() {
        Map<String, String> config = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://localhost:9094");
        assertThat(BrokenListenerLab.startupError(config)).as("Kafka starts this broker").isNull();
        String clientLog = "Connection to node 0 (localhost/127.0.0.1:9094) could not be established. "
                + "Node may not be available.";

        ListenerFix fix = diagnose(config, clientLog);

        assertThat(fix.setting()).isEqualTo("advertised.listeners");
        assertThat(fix.fix()).contains("EXTERNAL").doesNotContain("INTERNAL");
    }

    @Test
    void errorsWithAnotherCauseLeaveTheListenersAlone() {
        Map<String, String> config = broker("node.id", "0");

        assertThat(ListenerDiagnosis.diagnose(config, "org.apache.kafka.common.errors.TopicAuthorizationException: "
                + "Not authorized to access topics: [ad-events]")).isEmpty();
        assertThat(ListenerDiagnosis.diagnose(config, "Couldn't resolve server kafak:39092 from bootstrap.servers as "
                + "DNS resolution failed for kafak")).as("a typo in the client's bootstrap.servers").isEmpty();
        assertThat(ListenerDiagnosis.diagnose(config, "Connection to node 0 (localhost/127.0.0.1:39093) could not be "
                + "established. Node may not be available.")).as("a port this broker does not advertise").isEmpty();

        Map<String, String> onContainerPort = broker("advertised.listeners", "INTERNAL://broker-0:9092,EXTERNAL://localhost:9094");
        assertThat(ListenerDiagnosis.diagnose(onContainerPort, "Connection to node -1 (localhost/127.0.0.1:39094) could "
                + "not be established. Node may not be available.")).as("port 39094 is not the advertised 9094").isEmpty();
    }

    /** The Compose files' broker 0, with one setting changed. */
    private static Map<String, String> broker(String key, String value) {
        Map<String, String> config = BrokenListenerLab.validBroker();
        config.put(key, value);
        return config;
    }

    /** Kafka's own start-up error for {@code config}, which it must refuse. */
    private static String startupError(Map<String, String> config) {
        String error = BrokenListenerLab.startupError(config);
        assertThat(error).as("Kafka refuses %s", config).isNotNull();
        return error;
    }

    private static ListenerFix diagnose(Map<String, String> config, String error) {
        Optional<ListenerFix> fix = ListenerDiagnosis.diagnose(config, error);
        assertThat(fix).as("a diagnosis for %s", error).isPresent();
        return fix.orElseThrow();
    }
}
