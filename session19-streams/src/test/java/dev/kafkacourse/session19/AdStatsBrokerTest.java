package dev.kafkacourse.session19;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedRecord;
import dev.kafkacourse.support.kafka.KafkaFixture;
import dev.kafkacourse.support.kafka.KafkaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The same topology as {@link AdStatsTopologyDriverTest}, run by the application on the broker with exactly_once_v2
 * (the ad-stats lab): the published final results equal the generator's figures window by window.
 */
@KafkaTest
class AdStatsBrokerTest {

    @Test
    void theApplicationPublishesTheGeneratorsExactFiguresAndAnswersQueries(KafkaFixture kafka) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        AdStatsLab.Result result = AdStatsLab.run(kafka, new PrintStream(output, true, StandardCharsets.UTF_8), 1_500);

        assertThat(result.traffic().count(GeneratedRecord.Kind.DUPLICATE)).isPositive();
        assertThat(result.traffic().count(GeneratedRecord.Kind.LATE)).isPositive();
        assertThat(result.published()).isEqualTo(result.expected());
        assertThat(ExpectedWindows.perCampaign(result.published())).isEqualTo(result.traffic().expectedStats());

        assertThat(result.deadLetters()).hasSize((int) result.traffic().count(GeneratedRecord.Kind.MALFORMED))
                .allSatisfy(d -> {
                    assertThat(DeadLetterHeaders.Reason.valueOf(d.reason())).isNotNull();
                    assertThat(d.exceptionClass()).endsWith("Exception");
                    assertThat(d.message()).isNotBlank();
                    assertThat(d.offset()).isNotNegative();
                    assertThat(d.consumerGroup()).contains("ad-stats-app");
                    assertThat(java.time.Instant.parse(d.failedAt())).isBefore(java.time.Instant.now().plusSeconds(1));
                });

        String campaign = AdEventGenerator.campaignId(1);
        assertThat(ExpectedWindows.of(result.queriedCampaign())).isEqualTo(result.expected().entrySet().stream()
                .filter(e -> e.getKey().campaignId().equals(campaign))
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
        assertThat(result.queriedRange()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.windowStart()).isBetween(result.rangeFrom().toEpochMilli(), result.rangeTo().toEpochMilli());
            assertThat(s.stats()).isEqualTo(result.expected()
                    .get(new ExpectedWindows.WindowKey(s.campaignId(), s.windowStart())));
        });
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("NO");
    }
}
