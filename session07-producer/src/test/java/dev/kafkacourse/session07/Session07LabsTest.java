package dev.kafkacourse.session07;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The session's labs, run against the broker as a learner runs them (smaller). Timings are printed, not checked. */
@KafkaTest
class Session07LabsTest {

    private static final String IO_THREAD = "kafka-producer-network-thread";

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void fireAndForgetLosesOversizedEventsSilentlyUnlessSomethingCounts(KafkaFixture kafka) {
        FireAndForgetLab.Result result = FireAndForgetLab.run(kafka, out, 2_500);

        assertThat(result.oversized()).isEqualTo(result.attempted() / FireAndForgetLab.OVERSIZED_EVERY);
        assertThat(result.onTopicPlain()).isEqualTo(result.attempted() - result.oversized());
        assertThat(result.recordErrorTotal()).isEqualTo(result.oversized());
        assertThat(result.onTopicReported()).isEqualTo(result.attempted() - result.oversized());
        assertThat(result.report().failed()).isEqualTo(result.oversized());
        assertThat(result.report().acknowledged()).isEqualTo(result.onTopicReported());
        assertThat(result.report().nonRetriableFailures()).hasSize(result.oversized())
                .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(RecordTooLargeException.class));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("record-error-total", "events/s");
    }

    @Test
    void asyncCallbacksAccountForEveryEventOnTheIoThread(KafkaFixture kafka) {
        AsyncCallbackLab.Result result = AsyncCallbackLab.run(kafka, out, 2_000);

        assertThat(result.acknowledged()).isEqualTo(result.attempted());
        assertThat(result.failed()).isZero();
        assertThat(result.report().pending()).isZero();
        assertThat(result.callbackThreads()).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith(IO_THREAD));
        assertThat(result.partitionsPerCampaign()).hasSize(10)
                .allSatisfy((campaign, partitions) -> assertThat(partitions).hasSize(1));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("events/s", "p99");
    }

    @Test
    void syncSendsAreAcknowledgedOneByOneAndAShortWaitIsUnconfirmedNotFailed(KafkaFixture kafka) {
        SyncSendLab.Result result = SyncSendLab.run(kafka, out, 100);

        assertThat(result.syncRuns()).hasSize(2).allSatisfy(run -> assertThat(run.acknowledged()).isEqualTo(100));
        assertThat(result.shortWait().status()).isEqualTo(SendOutcome.Status.UNCONFIRMED);
        assertThat(result.afterFlush().acknowledged()).isEqualTo(2);
        assertThat(result.afterFlush().failed()).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("events/s", "UNCONFIRMED");
    }

    @Test
    void eachErrorReachesTheCodeWhereAndAsItShould(KafkaFixture kafka) {
        BrokerErrorsLab.Result result = BrokerErrorsLab.run(kafka, out);

        SendFailure broker = result.brokerTooLarge().outcome().failure();
        assertThat(broker.cause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(broker.retriable()).isFalse();
        assertThat(result.brokerTooLarge().callbackThread()).startsWith(IO_THREAD);

        SendFailure client = result.clientTooLarge().outcome().failure();
        assertThat(client.cause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(client.reason()).contains("max.request.size");
        assertThat(result.clientTooLarge().callbackThread()).isEqualTo(Thread.currentThread().getName());

        SendFailure unknown = result.unknownTopic().outcome().failure();
        assertThat(unknown.cause()).isInstanceOf(TimeoutException.class);
        assertThat(unknown.retriable()).isTrue();

        SendFailure invalid = result.invalid().outcome().failure();
        assertThat(invalid.cause()).isInstanceOf(SerializationException.class);
        assertThat(invalid.retriable()).isFalse();

        assertThat(result.plainSendThrew()).isInstanceOf(SerializationException.class);
        assertThat(result.plainCallbackCalled()).isFalse();
        assertThat(result.goodAfterErrors().isSent()).isTrue();
        assertThat(result.report().acknowledged()).isEqualTo(2);
        assertThat(result.report().failed()).isEqualTo(2);
    }
}
