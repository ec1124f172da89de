package dev.kafkacourse.session19;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.AdEventJson;
import dev.kafkacourse.support.domain.GeneratedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming parser must be a faster way to the same answer: for every input, the same event as the
 * data-binding {@link AdEventJson}, or the same error.
 */
class AdEventFastJsonTest {

    private static final String PLAIN = "{\"eventId\":\"0b7e6f1c-3f0a-4c39-9d43-2a8f1c2b9e11\",\"type\":\"CLICK\","
            + "\"impressionId\":\"5a3c1d2e-9b8f-4e7d-a6c5-b4d3e2f1a0b9\",\"campaignId\":\"c-001\",\"adId\":\"ad-1\","
            + "\"userId\":\"u-1\",\"timestamp\":1772359200000,\"country\":\"KR\",\"device\":\"mobile\",\"costMicros\":1500}";

    @Test
    void generatedTrafficWithMalformedRecordsGetsTheSameOutcomeBothWays() {
        List<GeneratedRecord> records = AdEventGenerator.builder().seed(7).impressions(3_000).campaigns(20)
                .duplicateRate(0.05).malformedRate(0.1).build().generate().records();
        assertThat(records).anyMatch(GeneratedRecord::isMalformed);
        int fast = 0;
        for (GeneratedRecord record : records) {
            assertSameOutcome(record.value());
            if (AdEventFastJson.tryParse(record.value()) != null) {
                fast++;
            }
        }
        assertThat(fast).as("every well-formed event takes the fast path")
                .isEqualTo(records.stream().filter(r -> !r.isMalformed()).count());
    }

    @Test
    void unusualShapesAreLeftToDataBinding() {
        List<String> unusual = List.of(
                PLAIN.replace("0b7e6f1c-3f0a-4c39-9d43-2a8f1c2b9e11", "1-1-1-1-1"),   // UUID.fromString would take it
                PLAIN.replace("\"c-001\"", "123"),                                    // a number for a string
                PLAIN.replace("1500}", "1500,\"costMicros\":7}"),                     // a field twice
                PLAIN + " {}",                                                          // something after the object
                PLAIN.replace("1772359200000", "null"),                               // null for a long
                PLAIN.replace("1772359200000", "\"1772359200000\""),                  // a string for a long
                PLAIN.replace("1500}", "1.5}"),                                       // a fraction for a long
                PLAIN.replace(",\"device\":\"mobile\"", ""),                          // a field missing
                PLAIN.replace("1500}", "1500,\"extra\":1}"),                          // an unknown field
                PLAIN.replace("\"CLICK\"", "\"click\""),
                PLAIN.replace("\"5a3c1d2e-9b8f-4e7d-a6c5-b4d3e2f1a0b9\"", "null"),  // a CLICK without impression
                PLAIN.replace("1500}", "-1}"),                                        // negative cost
                PLAIN.replace("\"ad-1\"", "{\"x\":1}"),
                "[]", "", "nonsense", "{");
        for (String json : unusual) {
            assertThat(AdEventFastJson.tryParse(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
            assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void thePlainShapeWithNullsEscapesAndUpperCaseHexIsParsedTheSame() {
        for (String json : List.of(PLAIN, PLAIN.replace("\"KR\"", "null").replace("\"u-1\"", "\"u-\\u00e9\\\"1\""),
                PLAIN.replace("0b7e6f1c-3f0a-4c39-9d43-2a8f1c2b9e11", "0B7E6F1C-3F0A-4C39-9D43-2A8F1C2B9E11")
                        .replace("\"CLICK\"", "\"IMPRESSION\"").replace("\"5a3c1d2e-9b8f-4e7d-a6c5-b4d3e2f1a0b9\"",
                                "null"))) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(AdEventFastJson.tryParse(bytes)).as(json).isNotNull().isEqualTo(AdEventJson.fromBytes(bytes));
        }
    }

    private static void assertSameOutcome(byte[] bytes) {
        Throwable expectedError = catchThrowable(() -> AdEventJson.fromBytes(bytes));
        Throwable actualError = catchThrowable(() -> AdEventFastJson.fromBytes(bytes));
        if (expectedError == null) {
            assertThat(actualError).isNull();
            assertThat(AdEventFastJson.fromBytes(bytes)).isEqualTo(AdEventJson.fromBytes(bytes));
        } else {
            assertThat(actualError).isNotNull().hasSameClassAs(expectedError)
                    .hasMessage(expectedError.getMessage());
        }
    }
}
