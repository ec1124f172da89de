package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exercise 1: AdLogParser. */
class AdLogParserTest {

    private static final List<AdEvent> EVENTS = AdEventGenerator.builder().seed(11).impressions(2_000)
            .clickThroughRate(0.2).build().generate().distinctEvents();
    private static final String CLICK_LINE = AdLogFormat.format(
            EVENTS.stream().filter(AdEvent::isClick).findFirst().orElseThrow());

    @Test
    void parsesEveryLineTheAdServerWrites() {
        for (AdEvent event : EVENTS) {
            assertThat(AdLogParser.parse(AdLogFormat.format(event))).isEqualTo(event);
        }
    }

    @Test
    void acceptsFieldsInAnyOrderAndExtraSpaces() {
        Random random = new Random(3);
        for (AdEvent event : EVENTS.subList(0, 200)) {
            List<String> fields = new ArrayList<>(List.of(AdLogFormat.format(event).split(" ")));
            Collections.shuffle(fields, random);
            assertThat(AdLogParser.parse("  " + String.join("   ", fields) + " ")).isEqualTo(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing campaign       | campaign=\\S+           |                            | campaign",
        "missing timestamp      | ts=\\S+                 |                            | ts",
        "unknown type           | type=click              | type=view                  | view",
        "bad timestamp          | ts=\\S+                 | ts=yesterday               | yesterday",
        "negative cost          | cost=\\d+               | cost=-5                    | cost",
        "cost not a number      | cost=\\d+               | cost=12.5                  | cost",
        "click without impression | impression=\\S+       |                            | impression",
        "bad event id           | event=\\S+              | event=42                   | event",
        "not key=value          | device=\\S+             | mobile                     | mobile",
    })
    void rejectsMalformedLinesNamingTheProblem(String problem, String regex, String replacement, String named) {
        String broken = CLICK_LINE.replaceFirst(regex, replacement == null ? "" : replacement);
        assertThat(broken).as("test setup").isNotEqualTo(CLICK_LINE);

        assertThatThrownBy(() -> AdLogParser.parse(broken))
                .as(problem)
                .isInstanceOf(MalformedLogLineException.class)
                .hasMessageContaining(named);
    }

    @Test
    void rejectsEmptyLines() {
        assertThatThrownBy(() -> AdLogParser.parse("   ")).isInstanceOf(MalformedLogLineException.class);
        assertThatThrownBy(() -> AdLogParser.parse(null)).isInstanceOf(MalformedLogLineException.class);
    }
}
